using Stratus.Durable;
using Stratus.Functions.Functions;

namespace Stratus.Functions.Durable;

/// <summary>Under the Functions host: runs one activity per invocation and delivers its result.</summary>
internal sealed partial class DurableWorkItemQueueFunction(DurableMessageHandler handler, ILogger<DurableWorkItemQueueFunction> logger) : IQueueFunction
{
    public async Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        if (!await handler.HandleWorkItemAsync(invocation.MessageText, isBase64: false, invocation.DequeueCount, cancellationToken))
        {
            LogMalformed(logger, invocation.MessageId, invocation.QueueName);
        }
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Warning, Message = "Discarded malformed durable work item {MessageId} from {Queue}")]
    private static partial void LogMalformed(ILogger logger, string messageId, string queue);
}
