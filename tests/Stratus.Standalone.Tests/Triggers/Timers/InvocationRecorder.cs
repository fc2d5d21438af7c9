using System.Collections.Concurrent;
using System.Threading.Channels;
using Stratus.Api.Triggers;

namespace Stratus.Standalone.Tests.Triggers.Timers;

/// <summary>
/// Shared by every test host of a test: records each run as it starts (so a test can wait for the next one instead of
/// sleeping) and lets the test decide what the run then does.
/// </summary>
internal sealed class InvocationRecorder
{
    private readonly ConcurrentQueue<RecordedInvocation> _all = new();
    private readonly Channel<RecordedInvocation> _started = Channel.CreateUnbounded<RecordedInvocation>();
    private int _completed;

    /// <summary>What a run does after it is recorded; nothing by default.</summary>
    public Func<RecordedInvocation, CancellationToken, Task>? Behavior { get; set; }

    public IReadOnlyList<RecordedInvocation> All => [.. _all];

    public int Completed => Volatile.Read(ref _completed);

    public async Task RunAsync(string host, TimerInvocation invocation, CancellationToken cancellationToken)
    {
        var recorded = new RecordedInvocation(host, invocation);
        _all.Enqueue(recorded);
        _started.Writer.TryWrite(recorded);
        if (Behavior is { } behavior)
        {
            await behavior(recorded, cancellationToken);
        }

        Interlocked.Increment(ref _completed);
    }

    /// <summary>The next run to start (in start order), waiting for it if need be.</summary>
    public ValueTask<RecordedInvocation> NextAsync(CancellationToken cancellationToken) => _started.Reader.ReadAsync(cancellationToken);
}
