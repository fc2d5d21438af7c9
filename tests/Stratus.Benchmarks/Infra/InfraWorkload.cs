namespace Stratus.Benchmarks.Infra;

/// <summary>How big the infrastructure scenarios are, and how long each may take before it counts as stalled.</summary>
internal sealed record InfraWorkload(
    int PickupJobs,
    int ScheduleFirings,
    int ConcurrentWorkspaces,
    TimeSpan PickupTimeout,
    TimeSpan ScheduleTimeout,
    TimeSpan ConcurrentTimeout);
