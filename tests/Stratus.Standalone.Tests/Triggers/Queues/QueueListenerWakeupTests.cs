using Stratus.Api.Triggers;
using Stratus.Standalone.Triggers.Queues;
using Stratus.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Standalone.Tests.Triggers.Queues;

public sealed class QueueListenerWakeupTests
{
    [Fact]
    public async Task Notify_ListenerBackedOffToLongInterval_PicksUpMessageWithoutWaitingForThePoll()
    {
        var ct = TestTimeout.Token(10);
        var time = new TimerWatchingClock(DateTimeOffset.UtcNow);
        var handled = new TaskCompletionSource<QueueInvocation>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new QueueTestProbe { Handler = (invocation, _) => Task.FromResult(handled.TrySetResult(invocation)) };
        var settings = new Dictionary<string, string?> { ["Stratus:Functions:Queues:MaxPollingInterval"] = "00:01:00" };
        await using var harness = await QueueListenerHarness.CreateAsync(QueueStore.Embedded, probe, ct, settings, time);
        await harness.StartAsync(ct);

        // Let every poll find nothing until the listener waits 30 s or more; the clock then stands still.
        var waits = new List<TimeSpan>();
        do
        {
            waits.Add(await time.TimersCreated.ReadAsync(ct));
            if (waits[^1] < TimeSpan.FromSeconds(30))
            {
                time.Advance(waits[^1]);
            }
        }
        while (waits[^1] < TimeSpan.FromSeconds(30));

        await harness.Queue.SendAsync(FunctionsQueueMessageEncoding.Encode("wake up"), cancellationToken: ct);
        harness.Wakeup.Notify(harness.QueueName);
        var invocation = await handled.Task.WaitAsync(ct);

        Assert.Equal("wake up", invocation.MessageText);
        Assert.True(waits.Count >= 5, $"The listener backed off only {waits.Count} times.");
        Assert.Equal(waits.Order(), waits);
        Assert.True(waits[^1] <= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task WaitAsync_NotifiedWhileNotWaiting_ReturnsAtOnce()
    {
        var ct = TestTimeout.Token();
        var clock = new FakeTimeProvider();
        var wakeup = new QueueWakeup();
        using var subscription = wakeup.Subscribe("orders");

        wakeup.Notify("ORDERS");

        Assert.True(await subscription.WaitAsync(TimeSpan.FromHours(1), clock, ct));
    }

    [Fact]
    public async Task WaitAsync_OtherQueueNotified_WaitsForItsDelay()
    {
        var ct = TestTimeout.Token();
        var clock = new FakeTimeProvider();
        var wakeup = new QueueWakeup();
        using var subscription = wakeup.Subscribe("orders");

        var wait = subscription.WaitAsync(TimeSpan.FromMinutes(1), clock, ct);
        wakeup.Notify("invoices");
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.False(await wait.WaitAsync(ct));
    }

    [Fact]
    public async Task Notify_TwoListenersOnOneQueue_WakesBoth()
    {
        var ct = TestTimeout.Token();
        var clock = new FakeTimeProvider();
        var wakeup = new QueueWakeup();
        using var first = wakeup.Subscribe("orders");
        using var second = wakeup.Subscribe("orders");
        var waits = new[] { first.WaitAsync(TimeSpan.FromHours(1), clock, ct), second.WaitAsync(TimeSpan.FromHours(1), clock, ct) };

        wakeup.Notify("orders");

        var woken = await Task.WhenAll(waits).WaitAsync(ct);

        Assert.All(woken, Assert.True);
    }

    [Fact]
    public void Notify_NoListeners_DoesNothing()
    {
        var wakeup = new QueueWakeup();
        using (wakeup.Subscribe("orders"))
        {
        }

        wakeup.Notify("orders");
    }
}
