using Stratus.Durable;
using Stratus.Functions.Functions;

namespace Stratus.Functions.Durable;

/// <summary>
/// Under the Functions host: one control-queue wake-up per invocation, any number in parallel on any instance. The
/// engine's ETag-guarded checkpoint makes racing invocations safe; the loser reloads and finds its work done.
/// </summary>
internal sealed partial class DurableControlQueueFunction(DurableMessageHandler handler, ILogger<DurableControlQueueFunction> logger) : IQueueFunction
{
    public async Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        if (!await handler.HandleControlMessageAsync(invocation.MessageText, isBase64: false, cancellationToken))
        {
            LogMalformed(logger, invocation.MessageId, invocation.QueueName);
        }
    }

    [LoggerMessage(EventId = 2600, Level = LogLevel.Warning, Message = "Discarded malformed durable wake-up {MessageId} from {Queue}")]
    private static partial void LogMalformed(ILogger logger, string messageId, string queue);
}
