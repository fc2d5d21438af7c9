using Stratus.Functions.Triggers.Queues;
using Stratus.Testing;

namespace Stratus.Functions.Tests.Triggers.Queues;

public sealed class QueueListenerRenewalTests
{
    [Fact]
    public async Task Listener_HandlerRunsPastTheVisibilityTimeout_KeepsTheMessageHidden()
    {
        var ct = TestTimeout.Token();
        var time = new RecordingTimeProvider(new FakeTimeProvider(DateTimeOffset.UtcNow));
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
        time.Clock.Advance(lease / 2);
        Assert.Equal(lease, await renewed.Task.WaitAsync(ct));
        time.Clock.Advance((lease / 2) + TimeSpan.FromMinutes(1));

        // Past the first receive's visibility timeout: without the renewal the message would be visible again.
        Assert.Empty(await harness.Queue.PeekAsync(32, ct));
        gate.SetResult();
        await harness.StopAsync(ct);

        Assert.Single(probe.Invocations);
        Assert.Equal(0, await harness.Queue.GetApproximateCountAsync(ct));
    }
}
