using Stratus.Api.Triggers;
using System.Collections.Concurrent;
using Stratus.Standalone.Triggers.Queues;
using Stratus.Testing;

namespace Stratus.Standalone.Tests.Triggers.Queues;

public sealed class QueueListenerBatchTests
{
    [Fact]
    public async Task Listener_HundredMessagesBatchSize16_HandlesEachExactlyOnceInParallelBatches()
    {
        var ct = TestTimeout.Token();
        const int Total = 100;
        const int BatchSize = 16;
        var handled = new ConcurrentDictionary<string, int>();
        var texts = new ConcurrentBag<string>();
        var allHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstBatchTogether = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new QueueTestProbe();
        probe.Handler = async (invocation, cancellationToken) =>
        {
            // The first batch's invocations wait for each other: they only all get here if they run in parallel.
            if (probe.InFlight >= BatchSize)
            {
                firstBatchTogether.TrySetResult();
            }

            if (!firstBatchTogether.Task.IsCompleted && handled.IsEmpty)
            {
                await firstBatchTogether.Task.WaitAsync(cancellationToken);
            }

            texts.Add(invocation.MessageText);
            if (handled.AddOrUpdate(invocation.MessageId, 1, (_, n) => n + 1) == 1 && handled.Count == Total)
            {
                allHandled.TrySetResult();
            }
        };
        var settings = new Dictionary<string, string?>
        {
            ["Stratus:Functions:Queues:BatchSize"] = "16",
            ["Stratus:Functions:Queues:MaxPollingInterval"] = "00:00:01",
        };
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, probe, ct, settings);
        var inFlightAtReceive = new ConcurrentQueue<int>();
        harness.Storage.AfterReceive = (queue, messages) =>
        {
            if (queue == harness.QueueName)
            {
                inFlightAtReceive.Enqueue(probe.InFlight);
            }
        };
        var sent = new List<string>();
        for (var i = 0; i < Total; i++)
        {
            sent.Add((await harness.Queue.SendAsync(FunctionsQueueMessageEncoding.Encode($"message {i}"), cancellationToken: ct)).MessageId);
        }

        await harness.StartAsync(ct);
        await allHandled.Task.WaitAsync(ct);
        await harness.StopAsync(ct);

        Assert.Equal(sent.Order(), handled.Keys.Order());
        Assert.All(handled.Values, count => Assert.Equal(1, count));
        Assert.Equal(Enumerable.Range(0, Total).Select(i => $"message {i}").Order(), texts.Order());
        Assert.Equal(Total, probe.Invocations.Count);
        Assert.Equal(0, await harness.Queue.GetApproximateCountAsync(ct));

        // A new batch is fetched only at or below the threshold (16 / 2), so no more than 16 + 8 ever run at once.
        Assert.All(inFlightAtReceive, inFlight => Assert.True(inFlight <= BatchSize / 2, $"{inFlight} invocations were in flight at a receive."));
        Assert.InRange(probe.MaxInFlight, BatchSize, BatchSize + (BatchSize / 2));
    }
}
