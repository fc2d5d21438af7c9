using Stratus.Api.Triggers;

namespace Stratus.Standalone.Tests.Triggers.Timers;

internal sealed class RecordingTimer(InvocationRecorder recorder, TimerTestHostName host) : ITimerFunction
{
    public Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken) =>
        recorder.RunAsync(host.Name, invocation, cancellationToken);
}
