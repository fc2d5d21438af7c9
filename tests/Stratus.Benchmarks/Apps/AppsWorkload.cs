namespace Stratus.Benchmarks.Apps;

/// <summary>How big the app pipeline scenarios are, and how long each may take before it counts as stalled.</summary>
internal sealed record AppsWorkload(
    int Deploys,
    int PushMiB,
    int PushRuns,
    int DependencyMiB,
    TimeSpan OverheadTimeout,
    TimeSpan PushTimeout,
    TimeSpan RedeployTimeout);
