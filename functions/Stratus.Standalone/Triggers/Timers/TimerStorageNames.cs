using System.Text.RegularExpressions;

namespace Stratus.Standalone.Triggers.Timers;

/// <summary>
/// Where the timer loop keeps its state, laid out like the Functions host's <c>azure-webjobs-hosts</c> container: one
/// lease blob and one status blob per function, under the host id so several apps can share one store.
/// </summary>
internal static partial class TimerStorageNames
{
    public const string Container = "stratus-hosts";

    /// <summary>The blob whose lease makes one instance the function's only runner.</summary>
    public static string LockBlob(string hostId, string functionName) => $"locks/{hostId}/{Key(functionName)}";

    /// <summary>The blob holding the function's <c>Last</c>, <c>Next</c> and <c>LastUpdated</c>.</summary>
    public static string StatusBlob(string hostId, string functionName) => $"timers/{hostId}/{Key(functionName)}/status";

    /// <summary>Function names follow the Functions rule, which also keeps them one safe blob-name segment.</summary>
    public static bool IsValidFunctionName(string name) => FunctionNamePattern().IsMatch(name);

    // The catalog treats names case-insensitively, so the blobs must too.
    private static string Key(string functionName) => functionName.ToLowerInvariant();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionNamePattern();
}
