namespace Stratus.Benchmarks.Durable;

/// <summary>How much work each scenario does on one backend, and how long a scenario may take in all.</summary>
internal sealed record DurableWorkload(
    int SingleInstanceRounds,
    int OneInstanceActivities,
    int AggregateInstances,
    int AggregateActivities,
    int ManyInstanceRounds,
    int HelloInstances,
    int FanOutWidth,
    int FanOutRounds,
    int Events,
    int LatencySamples,
    TimeSpan Timeout);
