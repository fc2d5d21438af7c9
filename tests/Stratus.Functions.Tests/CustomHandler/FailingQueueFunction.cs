using Stratus.Functions.Functions;

namespace Stratus.Functions.Tests.CustomHandler;

public sealed class FailingQueueFunction : IQueueFunction
{
    public const string Error = "the downstream store is unavailable";

    public Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken) => throw new InvalidOperationException(Error);
}
