using Stratus.Apps.Names;

namespace Stratus.Apps.Apps;

/// <summary>
/// An app and its desired state: units per process, stopped or not, the version that serves. <see cref="ETag"/> is
/// the stored row's version as last read; <see cref="AppStore.ReplaceAsync"/> writes only over that version.
/// </summary>
public sealed record App(
    string Name,
    string? Platform,
    string Plan,
    string TeamOwner,
    string Pool,
    string? Description,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> RouterOptions,
    IReadOnlyList<string> CNames,
    IReadOnlyDictionary<string, int> Processes,
    bool Stopped = false,
    int? CurrentVersion = null,
    DateTimeOffset? RestartedAt = null,
    DateTimeOffset CreatedAt = default,
    DateTimeOffset UpdatedAt = default,
    string? ETag = null)
{
    public const int MaxUnitsPerProcess = 1000;

    /// <returns>What to fix, or <c>null</c>.</returns>
    public string? Problem()
    {
        var problem = AppNames.AppProblem(Name)
            ?? AppNames.PlanProblem(Plan)
            ?? AppNames.PoolProblem(Pool)
            ?? (Platform is null ? null : AppNames.PlatformProblem(Platform))
            ?? (string.IsNullOrWhiteSpace(TeamOwner) ? "The app needs a team owner." : null);
        if (problem is not null)
        {
            return problem;
        }

        foreach (var (process, units) in Processes)
        {
            if (AppNames.ProcessProblem(process) is { } processProblem)
            {
                return processProblem;
            }

            if (units is < 0 or > MaxUnitsPerProcess)
            {
                return $"Process '{process}' asks for {units} units; use 0–{MaxUnitsPerProcess}.";
            }
        }

        foreach (var cname in CNames)
        {
            if (AppNames.CNameProblem(cname) is { } cnameProblem)
            {
                return cnameProblem;
            }
        }

        return CNames.Distinct(StringComparer.Ordinal).Count() == CNames.Count ? null : "The app lists a cname twice.";
    }
}
