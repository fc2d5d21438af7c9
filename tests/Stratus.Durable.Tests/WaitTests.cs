using Microsoft.DurableTask.Client;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class WaitTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task WaitForInstanceStartAsync_Scheduled_ReturnsOnceRunning(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), "input", cancellation);

        var started = await host.Client.WaitForInstanceStartAsync(id, getInputsAndOutputs: true, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Running, started.RuntimeStatus);
        Assert.Equal("input", started.ReadInputAs<string>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task WaitForInstanceStartAsync_NeverStarts_StopsWhenCancelled(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend, configure: o => o.RunWorker = false);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), cancellation);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        wait.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.WaitForInstanceStartAsync(id, wait.Token));
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task WaitForInstanceCompletionAsync_Running_ReturnsFinalStateWithOutput(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutFanIn), 5, cancellation);

        var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(5, result.ReadInputAs<int>());
        Assert.Equal(55, result.ReadOutputAs<int>());
        var again = await host.Client.WaitForInstanceCompletionAsync(id, cancellation);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, again.RuntimeStatus);
        Assert.Null(again.SerializedOutput);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task WaitForInstanceCompletionAsync_Failed_ReturnsFailureDetails(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FailUnhandled), "broken", cancellation);

        var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("broken", result.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task WaitForInstanceCompletionAsync_NeverFinishes_StopsWhenCancelled(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellation);
        await host.WaitForCustomStatusAsync(id, "0", cancellation);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        wait.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.WaitForInstanceCompletionAsync(id, wait.Token));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id, cancellation))?.RuntimeStatus);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task WaitForInstanceAsync_Missing_ThrowsNotFound(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.WaitForInstanceStartAsync("ghost", cancellation));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.WaitForInstanceCompletionAsync("ghost", cancellation));
    }
}
