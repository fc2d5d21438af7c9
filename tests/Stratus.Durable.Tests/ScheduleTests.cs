using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class ScheduleTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task ScheduleNewOrchestrationInstanceAsync_NoId_GeneratesUniqueIds(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        var first = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), cancellation);
        var second = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), cancellation);

        Assert.NotEqual(first, second);
        Assert.True(InstanceIds.IsValid(first), first);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitUntilFinishedAsync(first, cancellation)).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitUntilFinishedAsync(second, cancellation)).RuntimeStatus);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task ScheduleNewOrchestrationInstanceAsync_ExplicitId_RunsUnderThatIdWithInput(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutFanIn), 4, new StartOrchestrationOptions("deploy-42"), cancellation);
        var result = await host.WaitUntilFinishedAsync(id, cancellation);

        Assert.Equal("deploy-42", id);
        Assert.Equal("deploy-42", result.InstanceId);
        Assert.Equal(nameof(FanOutFanIn), result.Name);
        Assert.Equal(4, result.ReadInputAs<int>());
        Assert.Equal(30, result.ReadOutputAs<int>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfActiveInstance_IsRefused(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), null, new StartOrchestrationOptions("busy"), cancellation);
        await host.WaitForCustomStatusAsync("busy", "0", cancellation);

        var duplicate = await Assert.ThrowsAsync<InstanceAlreadyExistsException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), null, new StartOrchestrationOptions("busy"), cancellation));

        Assert.Contains("'busy'", duplicate.Message, StringComparison.Ordinal);
        var still = await host.Client.GetInstanceAsync("busy", cancellation);
        Assert.Equal(nameof(WaitForever), still?.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Running, still?.RuntimeStatus);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfPendingInstance_IsRefused(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend, configure: o => o.RunWorker = false);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), null, new StartOrchestrationOptions("queued"), cancellation);

        await Assert.ThrowsAsync<InstanceAlreadyExistsException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), null, new StartOrchestrationOptions("queued"), cancellation));
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await host.Client.GetInstanceAsync("queued", cancellation))?.RuntimeStatus);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfFinishedInstance_StartsFreshExecution(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var first = await host.RunAsync(nameof(FanOutFanIn), 3, cancellation, instanceId: "rerun");

        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutFanIn), 4, new StartOrchestrationOptions("rerun"), cancellation);
        var second = await host.WaitForAsync("rerun", m => m.IsCompleted && m.ReadInputAs<int>() == 4, "has run again with input 4", cancellation);

        Assert.Equal(14, first.ReadOutputAs<int>());
        Assert.Equal(30, second.ReadOutputAs<int>());
        var history = await host.Client.GetHistoryAsync("rerun", cancellation);
        Assert.Equal(1, HistoryEvents.Count(history, EventType.ExecutionStarted));
        Assert.Equal(4, HistoryEvents.Count(history, EventType.TaskScheduled));
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task ScheduleNewOrchestrationInstanceAsync_DedupeStatusesNameFinishedStatus_IsRefused(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        await host.RunAsync(nameof(HelloSequence), null, cancellation, instanceId: "once-only");
        var options = new StartOrchestrationOptions("once-only").WithDedupeStatuses(OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed);

        await Assert.ThrowsAsync<InstanceAlreadyExistsException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), null, options, cancellation));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync("once-only", cancellation))?.RuntimeStatus);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task ScheduleNewOrchestrationInstanceAsync_DedupeStatusesNameOtherStatus_ReplacesFinishedInstance(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        await host.RunAsync(nameof(FailUnhandled), "first try", cancellation, instanceId: "retry-me");
        var options = new StartOrchestrationOptions("retry-me").WithDedupeStatuses(OrchestrationRuntimeStatus.Completed);

        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), null, options, cancellation);
        var result = await host.WaitForAsync("retry-me", m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "has completed", cancellation);

        Assert.Equal(nameof(HelloSequence), result.Name);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task ScheduleNewOrchestrationInstanceAsync_StartAt_StaysPendingUntilThen(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var startAt = DateTimeOffset.UtcNow.AddSeconds(3);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), null, new StartOrchestrationOptions(StartAt: startAt), cancellation);
        var pending = await host.Client.GetInstanceAsync(id, cancellation);
        var done = await host.WaitUntilFinishedAsync(id, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending?.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var history = await host.Client.GetHistoryAsync(id, cancellation);
        var firstEpisode = history.First(e => HistoryEvents.TypeOf(e) == EventType.OrchestratorStarted)["Timestamp"]!.GetValue<DateTime>();
        Assert.True(firstEpisode >= startAt.UtcDateTime - TestBackends.TimerPrecision(backend), $"the first episode ran at {firstEpisode:O}, before {startAt:O}");
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task ScheduleNewOrchestrationInstanceAsync_InvalidId_ThrowsArgumentException(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend, configure: o => o.RunWorker = false);

        foreach (var id in new[] { "", "has space", "slash/in/id", "-leading-dash", new string('x', InstanceIds.MaxLength + 1) })
        {
            await Assert.ThrowsAsync<ArgumentException>(
                () => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), null, new StartOrchestrationOptions(id), cancellation));
        }
    }
}
