using Stratus.Apps.Jobs;

namespace Stratus.Orchestrations.AppJobs;

/// <summary>
/// What a trigger or a firing did: the run it started, or that the run existed already (another host fired the same due
/// time), or why it was skipped (the <c>Forbid</c> concurrency policy with a run active).
/// </summary>
public sealed record AppJobTriggerResult(AppJobRun? Run, bool Duplicate, string? Skipped);
