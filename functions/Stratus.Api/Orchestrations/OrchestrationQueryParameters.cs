using System.Globalization;
using Microsoft.DurableTask.Client;

namespace Stratus.Api.Orchestrations;

/// <summary>Parses the list and read endpoints' query parameters; each parser returns the problem text, or null when the value is fine.</summary>
internal static class OrchestrationQueryParameters
{
    public const int DefaultPageSize = 100;

    /// <summary>The largest page a query returns.</summary>
    public const int MaxPageSize = 1000;

    // The SDK's obsolete ContinuedAsNew and Canceled are never reported, so they are not offered as filters.
    private static readonly string[] StatusNames =
    [
        nameof(OrchestrationRuntimeStatus.Pending),
        nameof(OrchestrationRuntimeStatus.Running),
        nameof(OrchestrationRuntimeStatus.Suspended),
        nameof(OrchestrationRuntimeStatus.Completed),
        nameof(OrchestrationRuntimeStatus.Failed),
        nameof(OrchestrationRuntimeStatus.Terminated),
    ];

    /// <summary>Statuses given as repeated <c>status=</c> parameters and/or comma-separated, case-insensitively.</summary>
    public static string? TryParseStatuses(string[]? values, out IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses)
    {
        statuses = null;
        var parsed = new HashSet<OrchestrationRuntimeStatus>();
        foreach (var value in (values ?? []).SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var name = StatusNames.FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                return $"Unknown status '{value}'. Use one or more of {string.Join(", ", StatusNames)} (repeat status=..., or separate them with commas).";
            }

            parsed.Add(Enum.Parse<OrchestrationRuntimeStatus>(name));
        }

        statuses = parsed.Count == 0 ? null : [.. parsed.Order()];
        return null;
    }

    public static string? TryParseDate(string parameter, string? value, out DateTimeOffset? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return $"{parameter} must be an ISO 8601 date and time such as 2026-05-01T00:00:00Z; it was '{value}'. URL-encode a '+' in an offset as %2B.";
        }

        date = parsed;
        return null;
    }

    public static string? TryParsePageSize(string? value, out int pageSize)
    {
        pageSize = DefaultPageSize;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize)
        {
            return $"pageSize must be a whole number between 1 and {MaxPageSize}; it was '{value}'.";
        }

        return null;
    }

    public static string? TryParseFlag(string parameter, string? value, bool defaultValue, out bool flag)
    {
        flag = defaultValue;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return bool.TryParse(value, out flag) ? null : $"{parameter} must be true or false; it was '{value}'.";
    }
}
