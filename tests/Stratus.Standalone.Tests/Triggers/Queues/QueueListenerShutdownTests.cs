using Stratus.Api.Triggers;
using Stratus.Standalone.Tests.Triggers.Timers;
using Stratus.Standalone.Triggers.Queues;
using Stratus.Testing;

namespace Stratus.Standalone.Tests.Triggers.Queues;

public sealed class QueueListenerShutdownTests
{
    [Fact]
    public async Task StopAsync_HandlerInFlight_LetsItFinishAndDequeuesNothingMore()
    {
        var ct = TestTimeout.Token();
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
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, probe, ct);
        await harness.StartAsync(ct);
        var first = await harness.SendAsync("in flight", ct);
        await started.Task.WaitAsync(ct);

        // The service itself, so the stop signal is certainly given before the second message exists.
        var stopping = harness.Service.StopAsync(ct);
        var second = await harness.SendAsync("after stop", ct);
        Assert.False(stopping.IsCompleted);
        gate.SetResult();
        await stopping.WaitAsync(ct);

        var invocation = Assert.Single(probe.Invocations);
        Assert.Equal(first.MessageId, invocation.MessageId);
        var left = Assert.Single(await harness.Queue.PeekAsync(32, ct));
        Assert.Equal(second.MessageId, left.MessageId);
        Assert.Equal(0, left.DequeueCount);
    }

    [Fact]
    public async Task StopAsync_ShutdownTimeoutPasses_CancelsInvocationAndReleasesMessage()
    {
        var ct = TestTimeout.Token();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new QueueTestProbe
        {
            Handler = async (_, cancellationToken) =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            },
        };
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, probe, ct);
        var released = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Storage.AfterUpdate = (queue, visibility) =>
        {
            if (queue == harness.QueueName)
            {
                released.TrySetResult(visibility);
            }
        };
        await harness.StartAsync(ct);
        var sent = await harness.SendAsync("too slow", ct);
        await started.Task.WaitAsync(ct);

        using var timedOut = new CancellationTokenSource();
        await timedOut.CancelAsync();
        await harness.Service.StopAsync(timedOut.Token);

        Assert.Equal(TimeSpan.Zero, await released.Task.WaitAsync(ct));
        var message = Assert.Single(await harness.Queue.PeekAsync(32, ct));
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal(1, message.DequeueCount);
        Assert.Single(probe.Invocations);
    }

    [Fact]
    public async Task StopAsync_ShutdownTimeoutPasses_ReturnsOnlyAfterTheCancelledMessageIsReleased()
    {
        var ct = TestTimeout.Token();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new QueueTestProbe
        {
            Handler = async (_, cancellationToken) =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            },
        };
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, probe, ct);
        var releasing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var releaseDone = new ManualResetEventSlim();
        harness.Storage.AfterUpdate = (queue, _) =>
        {
            if (queue == harness.QueueName)
            {
                // The release call is still under way until the test lets it return.
                releasing.TrySetResult();
                releaseDone.Wait(ct);
            }
        };
        await harness.StartAsync(ct);
        await harness.SendAsync("too slow", ct);
        await started.Task.WaitAsync(ct);

        using var timedOut = new CancellationTokenSource();
        await timedOut.CancelAsync();
        var stopping = harness.Service.StopAsync(timedOut.Token);
        await releasing.Task.WaitAsync(ct);

        // The host disposes the storage account once StopAsync returns: returning now would cut the release off.
        var returnedEarly = stopping.IsCompleted;
        releaseDone.Set();
        await stopping.WaitAsync(ct);
        Assert.False(returnedEarly);
    }

    [Fact]
    public async Task Dispose_WithoutStop_EndsTheListeners()
    {
        const int ListenerStartedEvent = 2200;
        const int ListenerStoppedEvent = 2201;
        var ct = TestTimeout.Token(15);
        var logs = new RecordingLoggerProvider();
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, new QueueTestProbe(), ct, logs: logs);
        await harness.StartAsync(ct);
        while (logs.Count(ListenerStartedEvent) == 0)
        {
            await Task.Delay(10, ct);
        }

        // A crash as far as the queue can tell, but nothing may keep polling a store that is being disposed.
        harness.Service.Dispose();

        while (logs.Count(ListenerStoppedEvent) == 0)
        {
            await Task.Delay(10, ct);
        }

        Assert.Equal(1, logs.Count(ListenerStoppedEvent));
    }

    [Fact]
    public async Task StopAsync_WhileAReceiveIsUnderWay_ReleasesTheReceivedMessagesUnprocessed()
    {
        var ct = TestTimeout.Token();
        var probe = new QueueTestProbe();
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, probe, ct);
        Task? stopping = null;
        harness.Storage.AfterReceive = (queue, messages) =>
        {
            // The stop signal arrives after the service has handed the messages over, before the listener starts them.
            if (queue == harness.QueueName && messages.Count > 0)
            {
                stopping ??= harness.Service.StopAsync(ct);
            }
        };
        var released = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Storage.AfterUpdate = (queue, visibility) =>
        {
            if (queue == harness.QueueName)
            {
                released.TrySetResult(visibility);
            }
        };
        var sent = await harness.Queue.SendAsync(FunctionsQueueMessageEncoding.Encode("never started"), cancellationToken: ct);
        await harness.StartAsync(ct);

        Assert.Equal(TimeSpan.Zero, await released.Task.WaitAsync(ct));
        Assert.NotNull(stopping);
        await stopping.WaitAsync(ct);

        Assert.Empty(probe.Invocations);
        var message = Assert.Single(await harness.Queue.PeekAsync(32, ct));
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal(1, message.DequeueCount);
    }
}
