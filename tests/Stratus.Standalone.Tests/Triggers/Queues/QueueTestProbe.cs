using System.Collections.Concurrent;
using Stratus.Api.Triggers;

namespace Stratus.Standalone.Tests.Triggers.Queues;

/// <summary>What the test's queue function does, and what it saw. One per test, a singleton in the test host.</summary>
public sealed class QueueTestProbe
{
    private int _inFlight;
    private int _maxInFlight;

    public Func<QueueInvocation, CancellationToken, Task> Handler { get; set; } = (_, _) => Task.CompletedTask;

    public ConcurrentQueue<QueueInvocation> Invocations { get; } = new();

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public async Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        Invocations.Enqueue(invocation);
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }

        try
        {
            await Handler(invocation, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
