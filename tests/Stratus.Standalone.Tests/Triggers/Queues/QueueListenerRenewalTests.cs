using Stratus.Standalone.Triggers.Queues;
using Stratus.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Standalone.Tests.Triggers.Queues;

public sealed class QueueListenerRenewalTests
{
    [Fact]
    public async Task Listener_HandlerRunsPastTheVisibilityTimeout_KeepsTheMessageHidden()
    {
        var ct = TestTimeout.Token();
        var time = new TimerWatchingClock(DateTimeOffset.UtcNow);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new QueueTestProbe
        {
            Handler = async (_, _) =>
            {
                started.TrySetResult();
                await gate.Task;
            },
        };
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, probe, ct, clock: time);
        var renewed = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Storage.AfterUpdate = (queue, visibility) =>
        {
            if (queue == harness.QueueName)
            {
                renewed.TrySetResult(visibility);
            }
        };
        await harness.StartAsync(ct);
        await harness.SendAsync("long job", ct);
        await started.Task.WaitAsync(ct);

        var lease = QueueListener.MessageLease;
        await time.WaitForTimerAsync(lease / 2, ct);
        time.Advance(lease / 2);
        Assert.Equal(lease, await renewed.Task.WaitAsync(ct));
        time.Advance((lease / 2) + TimeSpan.FromMinutes(1));

        // Past the first receive's visibility timeout: without the renewal the message would be visible again.
        Assert.Empty(await harness.Queue.PeekAsync(32, ct));
        gate.SetResult();
        await harness.StopAsync(ct);

        Assert.Single(probe.Invocations);
        Assert.Equal(0, await harness.Queue.GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task Listener_ShutdownTimeoutPassesDuringARenewal_StillReleasesTheMessage()
    {
        var ct = TestTimeout.Token();
        var time = new TimerWatchingClock(DateTimeOffset.UtcNow);
        var handlerToken = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new QueueTestProbe
        {
            Handler = async (_, cancellationToken) =>
            {
                handlerToken.TrySetResult(cancellationToken);
                await Task.Delay(Timeout.Infinite, cancellationToken);
            },
        };
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, probe, ct, clock: time);
        var lease = QueueListener.MessageLease;
        using var timedOut = new CancellationTokenSource();
        await timedOut.CancelAsync();
        Task? stopping = null;
        harness.Storage.AfterUpdate = (queue, visibility) =>
        {
            // The renewal has been applied by the service when the host gives up waiting, before its answer is read.
            if (queue == harness.QueueName && visibility == lease && stopping is null)
            {
                stopping = harness.Service.StopAsync(timedOut.Token);
                var token = handlerToken.Task.Result;
                Assert.True(SpinWait.SpinUntil(() => token.IsCancellationRequested, TimeSpan.FromSeconds(10)));
            }
        };
        await harness.StartAsync(ct);
        var sent = await harness.SendAsync("long job", ct);
        await handlerToken.Task.WaitAsync(ct);

        await time.WaitForTimerAsync(lease / 2, ct);
        time.Advance(lease / 2);
        while (stopping is null)
        {
            await Task.Delay(10, ct);
        }

        await stopping.WaitAsync(ct);

        // Released for redelivery at once, not left hidden for the rest of the renewed lease.
        var message = Assert.Single(await harness.Queue.PeekAsync(32, ct));
        Assert.Equal(sent.MessageId, message.MessageId);
    }
}
