using Stratus.Functions.Functions;

namespace Stratus.Functions.Tests.CustomHandler;

public sealed class RecordingTimerFunction(InvocationRecorder recorder) : ITimerFunction
{
    public Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        recorder.Timers.Enqueue(invocation);
        return Task.CompletedTask;
    }
}
