using Stratus.Api.Triggers;
using Stratus.Storage;
using Stratus.Storage.Queues;

namespace Stratus.Standalone.Triggers.Queues;

/// <summary>
/// One queue function's listener, with the Functions queue trigger's semantics: batches fetched whenever the
/// in-flight count drops to the threshold, invocations in parallel, visibility renewed while they run, failures
/// retried after <see cref="QueueTriggerOptions.VisibilityTimeout"/>, and after <see cref="QueueTriggerOptions.MaxDequeueCount"/>
/// tries the message copied to <c>&lt;queue&gt;-poison</c> and only then deleted.
/// </summary>
internal sealed class QueueListener
{
    /// <summary>How long a received message stays hidden; renewed at half-time. The Functions host's value.</summary>
    internal static readonly TimeSpan MessageLease = TimeSpan.FromMinutes(10);

    private readonly FunctionDeclaration _function;
    private readonly IQueueClient _queue;
    private readonly IQueueClient _poisonQueue;
    private readonly QueueTriggerOptions _options;
    private readonly IServiceScopeFactory _scopes;
    private readonly QueueWakeup _wakeup;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    // Touched only by the polling loop.
    private readonly HashSet<Task> _inFlight = [];

    public QueueListener(
        FunctionDeclaration function,
        IQueueClient queue,
        IQueueClient poisonQueue,
        QueueTriggerOptions options,
        IServiceScopeFactory scopes,
        QueueWakeup wakeup,
        TimeProvider timeProvider,
        ILogger logger)
    {
        if (function.HandlerType is null || !typeof(IQueueFunction).IsAssignableFrom(function.HandlerType))
        {
            throw new InvalidOperationException($"Queue function '{function.Name}' needs a handler type that implements {nameof(IQueueFunction)}.");
        }

        _function = function;
        _queue = queue;
        _poisonQueue = poisonQueue;
        _options = options;
        _scopes = scopes;
        _wakeup = wakeup;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public string QueueName => _queue.Name;

    /// <param name="stopping">After this, nothing new is received; invocations in flight run to the end.</param>
    /// <param name="abort">The host stops waiting: invocations are cancelled and their messages released.</param>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        using var subscription = _wakeup.Subscribe(QueueName);
        var threshold = _options.EffectiveNewBatchThreshold;
        QueueTriggerLog.ListenerStarted(_logger, _function.Name, QueueName, _options.BatchSize, threshold, _options.MaxPollingInterval, _options.MaxDequeueCount);
        try
        {
            await CreateQueueAsync(abort);
            var backoff = new QueuePollingBackoff(QueueTriggerOptions.MinPollingInterval, _options.MaxPollingInterval);
            var stopped = Task.Delay(Timeout.Infinite, stopping);
            while (!stopping.IsCancellationRequested)
            {
                _inFlight.RemoveWhere(task => task.IsCompleted);
                if (_inFlight.Count > threshold)
                {
                    await Task.WhenAny([.. _inFlight, stopped]);
                    continue;
                }

                var batch = await ReceiveAsync(abort);
                if (stopping.IsCancellationRequested)
                {
                    await ReleaseUnstartedAsync(batch);
                    break;
                }

                foreach (var message in batch)
                {
                    _inFlight.Add(Task.Run(() => ProcessAsync(message, abort), CancellationToken.None));
                }

                if (batch.Count > 0)
                {
                    backoff.Reset();
                    continue;
                }

                if (await subscription.WaitAsync(backoff.Next(), _timeProvider, stopping))
                {
                    backoff.Reset();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stop arrived during a wait.
        }
        catch (Exception ex)
        {
            QueueTriggerLog.ListenerCrashed(_logger, ex, _function.Name, QueueName);
        }

        // ProcessAsync never throws.
        await Task.WhenAll(_inFlight);
        QueueTriggerLog.ListenerStopped(_logger, _function.Name, QueueName);
    }

    private async Task CreateQueueAsync(CancellationToken abort)
    {
        try
        {
            await _queue.CreateIfNotExistsAsync(abort);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            QueueTriggerLog.CreateQueueFailed(_logger, ex, QueueName, _function.Name);
        }
    }

    private async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(CancellationToken abort)
    {
        // Not cancelled by the stop signal: a receive cut off in flight may already have hidden messages on the
        // server, and they would stay hidden for the whole lease. Anything that arrives after stop is released instead.
        try
        {
            return await _queue.ReceiveAsync(_options.BatchSize, MessageLease, abort);
        }
        catch (ResourceNotFoundException)
        {
            QueueTriggerLog.QueueMissing(_logger, QueueName, _function.Name);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            QueueTriggerLog.PollFailed(_logger, ex, QueueName, _function.Name);
        }

        return [];
    }

    private async Task ReleaseUnstartedAsync(IReadOnlyList<QueueMessage> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await Task.WhenAll(batch.Select(message => ReleaseAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero, CancellationToken.None)));
        QueueTriggerLog.ReleasedOnStop(_logger, batch.Count, QueueName);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken abort)
    {
        // Completing is never cancelled, not even when the host stops waiting: the calls are short, and a message
        // left hidden would wait out its whole visibility timeout (minutes) before anyone retried it.
        var completion = CancellationToken.None;
        try
        {
            if (message.DequeueCount > _options.MaxDequeueCount)
            {
                // Earlier receivers died or lost the message mid-invocation often enough that it has had its tries.
                await MoveToPoisonAsync(message, message.PopReceipt, completion);
                return;
            }

            var lease = QueueMessageLease.Start(_queue, message, MessageLease, _timeProvider, _logger, abort);
            QueueInvocationOutcome outcome;
            try
            {
                outcome = await InvokeAsync(message, abort);
            }
            finally
            {
                await lease.StopAsync();
            }

            if (lease.Lost)
            {
                return;
            }

            switch (outcome)
            {
                case QueueInvocationOutcome.Succeeded:
                    await DeleteAsync(message.MessageId, lease.PopReceipt, completion);
                    break;
                case QueueInvocationOutcome.Cancelled:
                    await ReleaseAsync(message.MessageId, lease.PopReceipt, TimeSpan.Zero, completion);
                    break;
                case QueueInvocationOutcome.Failed when message.DequeueCount >= _options.MaxDequeueCount:
                    await MoveToPoisonAsync(message, lease.PopReceipt, completion);
                    break;
                default:
                    await ReleaseAsync(message.MessageId, lease.PopReceipt, _options.VisibilityTimeout, completion);
                    if (_options.VisibilityTimeout == TimeSpan.Zero)
                    {
                        // The retry is due now; don't let it wait out a backed-off poll.
                        _wakeup.Notify(QueueName);
                    }

                    break;
            }
        }
        catch (Exception ex)
        {
            QueueTriggerLog.CompleteFailed(_logger, ex, message.MessageId, QueueName);
        }
    }

    private async Task<QueueInvocationOutcome> InvokeAsync(QueueMessage message, CancellationToken abort)
    {
        if (!FunctionsQueueMessageEncoding.TryDecode(message.Text, out var text))
        {
            QueueTriggerLog.MessageNotBase64(_logger, message.MessageId, QueueName, _function.Name, message.DequeueCount);
            return QueueInvocationOutcome.Failed;
        }

        var invocation = new QueueInvocation(
            _function.Name,
            QueueName,
            text,
            message.MessageId,
            message.PopReceipt,
            message.DequeueCount,
            message.InsertedOn,
            message.ExpiresOn,
            message.NextVisibleOn);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var handler = (IQueueFunction)scope.ServiceProvider.GetRequiredService(_function.HandlerType!);
            await handler.RunAsync(invocation, abort);
            QueueTriggerLog.InvocationSucceeded(_logger, _function.Name, message.MessageId, QueueName, message.DequeueCount);
            return QueueInvocationOutcome.Succeeded;
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            QueueTriggerLog.InvocationCancelled(_logger, _function.Name, message.MessageId, QueueName);
            return QueueInvocationOutcome.Cancelled;
        }
        catch (Exception ex)
        {
            QueueTriggerLog.InvocationFailed(_logger, ex, _function.Name, message.MessageId, QueueName, message.DequeueCount, _options.MaxDequeueCount);
            return QueueInvocationOutcome.Failed;
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt, CancellationToken cancellationToken)
    {
        // The copy is written before the original is deleted: dying in between leaves a duplicate in poison, never a loss.
        try
        {
            try
            {
                await _poisonQueue.SendAsync(message.Text, cancellationToken: cancellationToken);
            }
            catch (ResourceNotFoundException)
            {
                await _poisonQueue.CreateIfNotExistsAsync(cancellationToken);
                await _poisonQueue.SendAsync(message.Text, cancellationToken: cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            QueueTriggerLog.PoisonFailed(_logger, ex, message.MessageId, QueueName, _poisonQueue.Name);
            await ReleaseAsync(message.MessageId, popReceipt, _options.VisibilityTimeout, cancellationToken);
            return;
        }

        QueueTriggerLog.MovedToPoison(_logger, message.MessageId, QueueName, _poisonQueue.Name, message.DequeueCount);
        await DeleteAsync(message.MessageId, popReceipt, cancellationToken);
        _wakeup.Notify(_poisonQueue.Name);
    }

    private async Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            QueueTriggerLog.LeaseLost(_logger, messageId, QueueName);
        }
    }

    private async Task ReleaseAsync(string messageId, string popReceipt, TimeSpan visibility, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.UpdateMessageAsync(messageId, popReceipt, visibility, text: null, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            QueueTriggerLog.LeaseLost(_logger, messageId, QueueName);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            QueueTriggerLog.CompleteFailed(_logger, ex, messageId, QueueName);
        }
    }
}
