using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Storage;
using Stratus.Storage.Queues;

namespace Stratus.Durable.Tests.Infrastructure;

/// <summary>
/// Delivers the task hub's messages the way the Functions host does for queue triggers: one message per
/// invocation, many invocations in parallel, no partition ownership, a failed invocation's message retried and,
/// after five dequeues, counted as poisoned.
/// </summary>
internal sealed class FunctionsHostSimulator(IServiceProvider services, int parallelism)
{
    private const int MaxDequeueCount = 5;
    private readonly SemaphoreSlim _slots = new(parallelism);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();
    private int _failures;
    private int _poisoned;
    private int _lostReceipts;

    public int Failures => _failures;

    /// <summary>What the failed invocations threw, for the assertion message.</summary>
    public string Errors => string.Join(Environment.NewLine, _errors.Take(10));

    /// <summary>Invocations that succeeded but whose message had become visible again before they deleted it.</summary>
    public int LostReceipts => _lostReceipts;

    public int Poisoned => _poisoned;

    public async Task RunAsync(CancellationToken stopping)
    {
        var options = services.GetRequiredService<IOptions<DurableOptions>>().Value;
        var storage = services.GetRequiredService<IStorageAccount>();
        var handler = services.GetRequiredService<DurableMessageHandler>();
        await services.GetRequiredService<Stratus.Durable.Storage.TaskHub>().EnsureCreatedAsync();
        var controls = Enumerable.Range(0, options.PartitionCount).Select(i => storage.Queues.GetQueue(DurableQueueNames.Control(options.HubName, i))).ToList();
        var workItems = storage.Queues.GetQueue(DurableQueueNames.WorkItems(options.HubName));
        var running = new List<Task>();
        while (!stopping.IsCancellationRequested)
        {
            var any = false;
            foreach (var queue in controls.Append(workItems))
            {
                IReadOnlyList<QueueMessage> messages;
                try
                {
                    messages = await queue.ReceiveAsync(16, TimeSpan.FromSeconds(30), stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                foreach (var message in messages)
                {
                    any = true;
                    await _slots.WaitAsync(CancellationToken.None);
                    running.Add(Task.Run(() => InvokeAsync(handler, queue, queue == workItems, message)));
                }
            }

            running.RemoveAll(t => t.IsCompleted);
            if (!any)
            {
                try
                {
                    await Task.Delay(20, stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await Task.WhenAll(running);
    }

    private async Task InvokeAsync(DurableMessageHandler handler, IQueueClient queue, bool isWorkItem, QueueMessage message)
    {
        var handled = false;
        try
        {
            _ = isWorkItem
                ? await handler.HandleWorkItemAsync(message.Text, isBase64: true, message.DequeueCount, CancellationToken.None)
                : await handler.HandleControlMessageAsync(message.Text, isBase64: true, CancellationToken.None);
            handled = true;
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (Exception ex) when (handled && ex is ResourceNotFoundException)
        {
            // The invocation succeeded but outlived the message's visibility (a slow emulator): the host would see the
            // same, and the message comes back; a redelivery must be harmless, which the tests check in the history.
            Interlocked.Increment(ref _lostReceipts);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failures);
            _errors.Enqueue($"{ex.GetType().Name}: {ex.Message}");
            if (message.DequeueCount >= MaxDequeueCount)
            {
                Interlocked.Increment(ref _poisoned);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.FromSeconds(1), cancellationToken: CancellationToken.None);
            }
        }
        finally
        {
            _slots.Release();
        }
    }
}
