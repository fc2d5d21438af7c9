using System.Globalization;

namespace Stratus.Api.Tests.Fuzz;

/// <summary>
/// The run's seed (fixed, so CI is deterministic; <c>STRATUS_FUZZ_SEED</c> explores others) and an optional filter
/// (<c>STRATUS_FUZZ_OPERATIONS</c>: operations whose "METHOD /path" contains any of the comma-separated texts) to
/// replay one failure quickly. Each operation draws from a generator seeded by the run's seed and its own name, so
/// filtering does not change the requests an operation gets.
/// </summary>
internal static class FuzzSettings
{
    public const int DefaultSeed = 20261207;
    public const string SeedVariable = "STRATUS_FUZZ_SEED";
    public const string OperationsVariable = "STRATUS_FUZZ_OPERATIONS";

    public static int Seed() =>
        Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : DefaultSeed;

    public static IReadOnlyList<string> OperationFilter() =>
        Environment.GetEnvironmentVariable(OperationsVariable)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>A generator for one operation: the same for a seed and an operation, whatever else runs.</summary>
    public static Random ForOperation(int seed, string operation)
    {
        // FNV-1a: string.GetHashCode is randomized per process.
        var hash = 2166136261u;
        foreach (var c in operation)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return new Random(seed ^ (int)hash);
    }
}
