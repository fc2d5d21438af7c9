using System.Collections.Concurrent;
using Stratus.Functions.Functions;

namespace Stratus.Functions.Tests.CustomHandler;

/// <summary>What the test functions received, keyed so each test finds its own invocation.</summary>
public sealed class InvocationRecorder
{
    public ConcurrentDictionary<string, QueueInvocation> QueueByMessageText { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<TimerInvocation> Timers { get; } = new();
}
