using Microsoft.DurableTask.Client;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class ExternalEventTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task RaiseEventAsync_OrchestratorWaiting_ReturnsPayload(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(AwaitApproval), 600_000, cancellation);
        await host.WaitForCustomStatusAsync(id, "\"waiting\"", cancellation);

        await host.Client.RaiseEventAsync(id, "approval", "approved by ana", cancellation);
        var result = await host.WaitUntilFinishedAsync(id, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("approved by ana", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task RaiseEventAsync_BeforeOrchestratorWaits_IsKeptForTheWait(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();

        // With no worker yet, the event is certain to arrive before the orchestrator ever runs.
        await using var location = await TaskHubLocation.CreateAsync(backend);
        string id;
        await using (var client = await DurableHost.StartAsync(location, configure: o => o.RunWorker = false))
        {
            id = await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(AwaitApproval), 600_000, cancellation);
            await client.Client.RaiseEventAsync(id, "APPROVAL", "early", cancellation);
        }

        await using var host = await DurableHost.StartAsync(location);
        var result = await host.WaitUntilFinishedAsync(id, cancellation);

        // Event names are case-insensitive.
        Assert.Equal("early", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task WaitForExternalEvent_TimeoutElapses_OrchestratorSeesCancellation(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        var result = await host.RunAsync(nameof(AwaitApproval), 300, cancellation);

        Assert.Equal("timed out", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task WhenAny_EventBeforeTimer_EventWinsAndTimerDoesNotHoldInstance(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RaceTimerAndEvent), 3_600_000, cancellation);
        await host.WaitForCustomStatusAsync(id, "\"waiting\"", cancellation);

        await host.Client.RaiseEventAsync(id, "go", "first", cancellation);
        var result = await host.WaitUntilFinishedAsync(id, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("event:first", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task WhenAny_TimerBeforeEvent_TimerWins(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        var result = await host.RunAsync(nameof(RaceTimerAndEvent), 200, cancellation);

        Assert.Equal("timer", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task RaiseEventAsync_ManyEvents_EachDeliveredOnceInOrder(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellation);

        for (var i = 0; i < 20; i++)
        {
            await host.Client.RaiseEventAsync(id, "ping", "p" + i, cancellation);
        }

        await host.Client.RaiseEventAsync(id, "ping", "stop", cancellation);
        var result = await host.WaitUntilFinishedAsync(id, cancellation);

        Assert.Equal("stopped after 20", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task RaiseEventAsync_MissingInstance_ThrowsNotFound(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.RaiseEventAsync("ghost", "ping", "hello", cancellation));
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task RaiseEventAsync_FinishedInstance_ThrowsConflict(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var done = await host.RunAsync(nameof(HelloSequence), null, cancellation);

        await Assert.ThrowsAsync<InstanceStateConflictException>(() => host.Client.RaiseEventAsync(done.InstanceId, "ping", "late", cancellation));
    }
}
