using Stratus.Storage;
using Stratus.Storage.Queues;

namespace Stratus.Standalone.Triggers.Queues;

/// <summary>
/// Keeps a received message hidden while its function runs, as the Functions host does: halfway through the
/// visibility timeout it extends the timeout again. Each renewal replaces the pop receipt, so completion must use
/// <see cref="PopReceipt"/> after <see cref="StopAsync"/>.
/// </summary>
internal sealed class QueueMessageLease
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);

    private readonly IQueueClient _queue;
    private readonly string _messageId;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationToken _abort;
    private readonly CancellationTokenSource _stop = new();
    private Task _renewal = Task.CompletedTask;
    private volatile string _popReceipt;
    private volatile bool _lost;
    private bool _stopped;

    private QueueMessageLease(IQueueClient queue, QueueMessage message, TimeSpan duration, TimeProvider timeProvider, ILogger logger, CancellationToken abort)
    {
        _queue = queue;
        _messageId = message.MessageId;
        _popReceipt = message.PopReceipt;
        _duration = duration;
        _timeProvider = timeProvider;
        _logger = logger;
        _abort = abort;
    }

    public string PopReceipt => _popReceipt;

    /// <summary>The message slipped away (its visibility ran out and someone else took it, or it was deleted).</summary>
    public bool Lost => _lost;

    /// <param name="duration">The visibility timeout the message was received with.</param>
    public static QueueMessageLease Start(IQueueClient queue, QueueMessage message, TimeSpan duration, TimeProvider timeProvider, ILogger logger, CancellationToken abort)
    {
        var lease = new QueueMessageLease(queue, message, duration, timeProvider, logger, abort);
        lease._renewal = lease.RenewAsync();
        return lease;
    }

    /// <summary>Stops renewing; a renewal already sent is awaited, so that <see cref="PopReceipt"/> is current.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stop.CancelAsync();
        await _renewal;
        _stop.Dispose();
    }

    private async Task RenewAsync()
    {
        var interval = _duration / 2;
        var delay = interval;
        try
        {
            while (true)
            {
                await Task.Delay(delay, _timeProvider, _stop.Token);
                _abort.ThrowIfCancellationRequested();

                // Only the wait is cut short by stop or abort: an update cancelled in flight might still apply on the
                // server, leaving a pop receipt this listener never learns (and the release at abort would then fail).
                try
                {
                    var receipt = await _queue.UpdateMessageAsync(_messageId, _popReceipt, _duration, text: null, CancellationToken.None);
                    _popReceipt = receipt.PopReceipt;
                    delay = interval;
                }
                catch (ResourceNotFoundException)
                {
                    _lost = true;
                    QueueTriggerLog.LeaseLost(_logger, _messageId, _queue.Name);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    delay = interval < RetryAfterFailure ? interval : RetryAfterFailure;
                    QueueTriggerLog.RenewFailed(_logger, ex, _messageId, _queue.Name, delay);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped, or the host gave up waiting.
        }
    }
}
