namespace Stratus.Api.Triggers;

/// <summary>
/// The code behind a queue function. Resolved from a DI scope per invocation. Throwing fails the invocation: the
/// message becomes visible again and, after the fifth dequeue, moves to <c>&lt;queue&gt;-poison</c>.
/// </summary>
public interface IQueueFunction
{
    Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken);
}
