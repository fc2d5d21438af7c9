using Stratus.Api.Triggers;
using System.Collections.Concurrent;
using Stratus.Standalone.Triggers.Queues;
using Stratus.Storage;
using Stratus.Testing;

namespace Stratus.Standalone.Tests.Triggers.Queues;

public sealed class QueueListenerPoisonTests
{
    private static readonly Dictionary<string, string?> FastPolling = new() { ["Stratus:Functions:Queues:MaxPollingInterval"] = "00:00:01" };

    [Theory]
    [InlineData(QueueStore.Embedded)]
    [InlineData(QueueStore.Azurite)]
    public async Task Listener_HandlerThrowsFiveTimes_MovesOriginalTextToPoisonQueue(QueueStore store)
    {
        var ct = TestTimeout.Token();
        var fifth = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new QueueTestProbe
        {
            Handler = (invocation, _) =>
            {
                if (invocation.DequeueCount == 5)
                {
                    fifth.TrySetResult();
                }

                throw new InvalidOperationException("This message always fails.");
            },
        };
        await using var harness = await QueueListenerHarness.CreateAsync(store, probe, ct, FastPolling);
        await harness.StartAsync(ct);

        var receipt = await harness.SendAsync("poison me", ct);
        await fifth.Task.WaitAsync(ct);
        await harness.StopAsync(ct);

        Assert.Equal([1L, 2L, 3L, 4L, 5L], probe.Invocations.Select(i => i.DequeueCount).Order());
        Assert.All(probe.Invocations, i => Assert.Equal(receipt.MessageId, i.MessageId));
        var poisoned = Assert.Single(await harness.PoisonQueue.PeekAsync(32, ct));
        Assert.Equal(FunctionsQueueMessageEncoding.Encode("poison me"), poisoned.Text);
        Assert.Empty(await harness.Queue.PeekAsync(32, ct));
        Assert.Equal(0, await harness.Queue.GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task Listener_MessageIsNotBase64_EndsInPoisonWithoutInvokingTheFunction()
    {
        var ct = TestTimeout.Token();
        var probe = new QueueTestProbe();
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, probe, ct, FastPolling);
        var poisoned = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dequeueCounts = new ConcurrentQueue<long>();
        harness.Storage.AfterSend = (queue, text) =>
        {
            if (queue == harness.PoisonQueue.Name)
            {
                poisoned.TrySetResult(text);
            }
        };
        harness.Storage.AfterReceive = (queue, messages) =>
        {
            if (queue == harness.QueueName)
            {
                foreach (var message in messages)
                {
                    dequeueCounts.Enqueue(message.DequeueCount);
                }
            }
        };
        await harness.StartAsync(ct);

        await harness.Queue.SendAsync("this is not base64!", cancellationToken: ct);
        harness.Wakeup.Notify(harness.QueueName);
        var poisonText = await poisoned.Task.WaitAsync(ct);
        await harness.StopAsync(ct);

        Assert.Equal("this is not base64!", poisonText);
        Assert.Empty(probe.Invocations);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], dequeueCounts.Order());
        Assert.Equal("this is not base64!", Assert.Single(await harness.PoisonQueue.PeekAsync(32, ct)).Text);
        Assert.Equal(0, await harness.Queue.GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task Listener_MessageAlreadyPastMaxDequeueCount_MovesToPoisonWithoutInvoking()
    {
        var ct = TestTimeout.Token();
        var probe = new QueueTestProbe();
        var settings = new Dictionary<string, string?>(FastPolling) { ["Stratus:Functions:Queues:MaxDequeueCount"] = "1" };
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, probe, ct, settings);
        var poisoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Storage.AfterSend = (queue, _) =>
        {
            if (queue == harness.PoisonQueue.Name)
            {
                poisoned.TrySetResult();
            }
        };

        // A receiver that died mid-invocation: the message comes back with its first try used up.
        var encoded = FunctionsQueueMessageEncoding.Encode("crashed once");
        await harness.Queue.SendAsync(encoded, cancellationToken: ct);
        var taken = Assert.Single(await harness.Queue.ReceiveAsync(1, TimeSpan.FromMinutes(5), ct));
        await harness.Queue.UpdateMessageAsync(taken.MessageId, taken.PopReceipt, TimeSpan.Zero, cancellationToken: ct);
        await harness.StartAsync(ct);
        await poisoned.Task.WaitAsync(ct);
        await harness.StopAsync(ct);

        Assert.Empty(probe.Invocations);
        Assert.Equal(encoded, Assert.Single(await harness.PoisonQueue.PeekAsync(32, ct)).Text);
        Assert.Equal(0, await harness.Queue.GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task Listener_HandlerFailsThenSucceeds_DeletesWithoutPoison()
    {
        var ct = TestTimeout.Token();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new QueueTestProbe
        {
            Handler = (invocation, _) =>
            {
                if (invocation.DequeueCount < 3)
                {
                    throw new InvalidOperationException("Not yet.");
                }

                done.TrySetResult();
                return Task.CompletedTask;
            },
        };
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, probe, ct, FastPolling);
        await harness.StartAsync(ct);

        await harness.SendAsync("third time lucky", ct);
        await done.Task.WaitAsync(ct);
        await harness.StopAsync(ct);

        Assert.Equal([1L, 2L, 3L], probe.Invocations.Select(i => i.DequeueCount).Order());
        Assert.Equal(0, await harness.Queue.GetApproximateCountAsync(ct));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.PoisonQueue.PeekAsync(1, ct));
    }
}
