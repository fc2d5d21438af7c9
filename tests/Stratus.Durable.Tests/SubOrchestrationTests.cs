using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class SubOrchestrationTests
{
    public static TheoryData<StorageKind> Storage => [StorageKind.Embedded, StorageKind.Azurite];

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CallSubOrchestratorAsync_ChildCompletes_ParentGetsOutput(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);

        var result = await host.RunAsync(nameof(CallSubOrchestrator), new SubCall(nameof(FanOutFanIn), 10), cancellation, instanceId: "parent-1");

        Assert.Equal("ok:385", result.ReadOutputAs<string>());
        var child = await host.Client.GetInstanceAsync("parent-1:0000", cancellationToken: cancellation);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
        Assert.Equal("parent-1", child.ParentInstanceId);
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CallSubOrchestratorAsync_ChildFails_FailurePropagatesToParent(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);

        var result = await host.RunAsync(nameof(CallSubOrchestrator), new SubCall(nameof(FailUnhandled), "child broke"), cancellation);

        Assert.StartsWith($"failed:{typeof(TaskFailedException).FullName}:", result.ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.Contains("child broke", result.ReadOutputAs<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CallSubOrchestratorAsync_ChildIdAlreadyRunning_FailsTheCall(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var busy = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellationToken: cancellation);

        var result = await host.RunAsync(nameof(CallSubOrchestrator), new SubCall(nameof(HelloSequence), null, busy), cancellation);

        Assert.Contains(nameof(InstanceAlreadyExistsException), result.ReadOutputAs<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CallSubOrchestratorAsync_ChildTerminated_ParentSeesFailure(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var parent = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CallSubOrchestrator), new SubCall(nameof(WaitForever), null, "waiting-child"), cancellationToken: cancellation);
        while ((await host.Client.GetInstanceAsync("waiting-child", cancellationToken: cancellation))?.RuntimeStatus != OrchestrationRuntimeStatus.Running)
        {
            await Task.Delay(20, cancellation);
        }

        await host.Client.TerminateInstanceAsync("waiting-child", "no longer needed", cancellation);
        var result = await host.Client.WaitForInstanceCompletionAsync(parent, cancellationToken: cancellation);

        Assert.Contains("OrchestrationTerminated", result.ReadOutputAs<string>(), StringComparison.Ordinal);
    }
}
