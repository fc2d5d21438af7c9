using System.Text.Json;
using System.Text.RegularExpressions;
using Stratus.Storage;

namespace Stratus.Api.Events;

internal static partial class PlatformEventValidator
{
    public const int MaxDataChars = 16 * 1024;

    /// <returns>What is wrong with the event, or <c>null</c> when it can be recorded.</returns>
    public static string? Problem(PlatformEvent? e)
    {
        if (e is null)
        {
            return "The event is empty.";
        }

        if (e.Id == Guid.Empty)
        {
            return "The event needs an id (a GUID): it is what makes recording it idempotent.";
        }

        if (!KindPattern().IsMatch(e.Kind ?? string.Empty))
        {
            return $"Kind '{e.Kind}' is invalid: use dotted lower-case words such as 'app.deploy'.";
        }

        if (TargetProblem(e.Target) is { } target)
        {
            return target;
        }

        if (string.IsNullOrWhiteSpace(e.Actor) || string.IsNullOrWhiteSpace(e.Status))
        {
            return "The event needs an actor and a status.";
        }

        if (e.Data is { } data)
        {
            if (data.Length > MaxDataChars)
            {
                return $"Data holds {data.Length} characters; events carry at most {MaxDataChars}. Put large details in a blob and reference it.";
            }

            try
            {
                using var _ = JsonDocument.Parse(data);
            }
            catch (JsonException)
            {
                return "Data must be a JSON document.";
            }
        }

        return null;
    }

    /// <summary>Targets are <c>kind:name</c> (e.g. <c>app:web</c>); they become partition keys, so the key rules apply.</summary>
    public static string? TargetProblem(string? target)
    {
        if (target is null || !TargetPattern().IsMatch(target))
        {
            return $"Target '{target}' is invalid: use 'kind:name' with letters, digits, '.', '_' and '-' (e.g. 'app:web' or 'workspace:prod-net').";
        }

        try
        {
            StorageNames.ValidateKey(target, "Target");
            return null;
        }
        catch (InvalidStorageRequestException ex)
        {
            return ex.Message;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$")]
    private static partial Regex KindPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]*:[A-Za-z0-9._@-]{1,200}$")]
    private static partial Regex TargetPattern();
}
