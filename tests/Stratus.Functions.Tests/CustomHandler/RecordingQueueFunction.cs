using Stratus.Functions.Functions;

namespace Stratus.Functions.Tests.CustomHandler;

public sealed class RecordingQueueFunction(InvocationRecorder recorder) : IQueueFunction
{
    public Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        recorder.QueueByMessageText[invocation.MessageText] = invocation;
        return Task.CompletedTask;
    }
}
