using Stratus.Api.Triggers;

namespace Stratus.Standalone.Tests.Triggers.Queues;

public sealed class ProbeQueueFunction(QueueTestProbe probe) : IQueueFunction
{
    public Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken) => probe.RunAsync(invocation, cancellationToken);
}
