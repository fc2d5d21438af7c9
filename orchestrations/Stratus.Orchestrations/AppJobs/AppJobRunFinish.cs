namespace Stratus.Orchestrations.AppJobs;

/// <summary>The input of <see cref="FinishAppJobRunActivity"/>: the run and how it ended.</summary>
public sealed record AppJobRunFinish(AppJobRunInput Run, AppJobRunOutcome Outcome);
