using Microsoft.Azure.Functions.Worker;
using Stratus.Api.Triggers;

namespace Stratus.AzureFunctions.Triggers;

/// <summary>What the Functions host hands a timer or queue function, as the shared handler classes take it.</summary>
internal static class TriggerInvocations
{
    public static TimerInvocation Timer(string functionName, TimerInfo timer) => new(
        functionName,
        timer.ScheduleStatus is { } status
            ? new TimerScheduleStatus(Utc(status.Last), Utc(status.Next), Utc(status.LastUpdated))
            : null,
        timer.IsPastDue);

    /// <summary>
    /// The message text arrives decoded (host.json's queues messageEncoding, Base64 by default); its metadata comes as
    /// binding data, named as the queue trigger names it.
    /// </summary>
    public static QueueInvocation Queue(string functionName, string queueName, string messageText, IReadOnlyDictionary<string, object?> bindingData) => new(
        functionName,
        queueName,
        messageText,
        Text(bindingData, "Id") ?? "",
        Text(bindingData, "PopReceipt"),
        long.TryParse(Text(bindingData, "DequeueCount"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : 1,
        Time(bindingData, "InsertionTime"),
        Time(bindingData, "ExpirationTime"),
        Time(bindingData, "NextVisibleTime"));

    private static DateTimeOffset Utc(DateTime value) =>
        new(value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime());

    private static string? Text(IReadOnlyDictionary<string, object?> data, string key) =>
        data.TryGetValue(key, out var value) && value is not null ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)?.Trim('"') : null;

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, object?> data, string key) =>
        DateTimeOffset.TryParse(Text(data, key), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
