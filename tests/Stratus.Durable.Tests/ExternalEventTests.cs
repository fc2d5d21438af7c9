using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class ExternalEventTests
{
    public static TheoryData<StorageKind> Storage => [StorageKind.Embedded, StorageKind.Azurite];

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task WaitForExternalEvent_EventRaised_ReturnsPayload(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(AwaitApproval), 60_000, cancellationToken: cancellation);
        await WaitForCustomStatusAsync(host, id, "\"waiting\"", cancellation);

        await host.Client.RaiseEventAsync(id, "approval", "approved by ana", cancellation);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: cancellation);

        Assert.Equal("approved by ana", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task WaitForExternalEvent_RaisedBeforeWaiting_IsBuffered(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);

        // Raised while the instance may still be pending: the event waits in the inbox.
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(AwaitApproval), 60_000, cancellationToken: cancellation);
        await host.Client.RaiseEventAsync(id, "APPROVAL", "early", cancellation);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: cancellation);

        Assert.Equal("early", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task WaitForExternalEvent_Timeout_ThrowsTimeoutInOrchestrator(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);

        var result = await host.RunAsync(nameof(AwaitApproval), 500, cancellation);

        Assert.Equal("timed out", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task WhenAny_EventBeforeTimer_EventWinsAndTimerIsCancelled(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RaceTimerAndEvent), 3_600_000, cancellationToken: cancellation);
        await WaitForCustomStatusAsync(host, id, "\"waiting\"", cancellation);

        await host.Client.RaiseEventAsync(id, "go", "first", cancellation);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: cancellation);

        // The hour-long timer did not hold the instance open.
        Assert.Equal("event:first", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task WhenAny_TimerBeforeEvent_TimerWins(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);

        var result = await host.RunAsync(nameof(RaceTimerAndEvent), 300, cancellation);

        Assert.Equal("timer", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task RaiseEventAsync_ManyEvents_EachDeliveredOnceInOrder(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellationToken: cancellation);

        for (var i = 0; i < 30; i++)
        {
            await host.Client.RaiseEventAsync(id, "ping", "p" + i, cancellation);
        }

        await host.Client.RaiseEventAsync(id, "ping", "stop", cancellation);
        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: cancellation);

        Assert.Equal("stopped after 30", result.ReadOutputAs<string>());
        var raised = (await host.Client.GetHistoryAsync(id, cancellation)).OfType<History.EventRaisedEvent>().Select(e => e.Data).ToList();
        Assert.Equal([.. Enumerable.Range(0, 30).Select(i => $"\"p{i}\""), "\"stop\""], raised);
    }

    internal static async Task WaitForCustomStatusAsync(DurableHost host, string id, string expected, CancellationToken cancellationToken)
    {
        while ((await host.Client.GetInstanceAsync(id, cancellationToken: cancellationToken))?.SerializedCustomStatus != expected)
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
