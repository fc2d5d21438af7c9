using System.Collections.Concurrent;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>What <see cref="GuidsAndLogs"/> made in each of its runs, replays included (one per host).</summary>
internal sealed class GuidRecorder
{
    private readonly ConcurrentQueue<(bool Replaying, Guid First)> _runs = new();

    public IReadOnlyList<(bool Replaying, Guid First)> Runs => [.. _runs];

    public void Record(bool replaying, Guid first) => _runs.Enqueue((replaying, first));
}
