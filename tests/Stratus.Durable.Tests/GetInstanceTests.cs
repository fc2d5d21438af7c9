using Microsoft.DurableTask.Client;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class GetInstanceTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task GetInstanceAsync_WithInputsAndOutputs_ReturnsEverything(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await host.RunAsync(nameof(FanOutFanIn), 3, cancellation, instanceId: "full");

        var metadata = await host.Client.GetInstanceAsync("full", getInputsAndOutputs: true, cancellation);

        Assert.NotNull(metadata);
        Assert.Equal("full", metadata.InstanceId);
        Assert.Equal(nameof(FanOutFanIn), metadata.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.True(metadata.IsCompleted);
        Assert.Equal(3, metadata.ReadInputAs<int>());
        Assert.Equal(14, metadata.ReadOutputAs<int>());
        Assert.Null(metadata.FailureDetails);
        Assert.InRange(metadata.CreatedAt, before, metadata.LastUpdatedAt);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task GetInstanceAsync_WithoutInputsAndOutputs_LeavesThemOut(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), "some input", cancellation);
        await host.WaitForCustomStatusAsync(id, "0", cancellation);

        var metadata = await host.Client.GetInstanceAsync(id, cancellation);

        Assert.NotNull(metadata);
        Assert.Equal(nameof(WaitForever), metadata.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Running, metadata.RuntimeStatus);
        Assert.True(metadata.IsRunning);
        Assert.Null(metadata.SerializedInput);
        Assert.Null(metadata.SerializedOutput);
        Assert.Equal("0", metadata.SerializedCustomStatus);
        var full = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellation);
        Assert.Equal("some input", full?.ReadInputAs<string>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task GetInstanceAsync_Missing_ReturnsNull(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        Assert.Null(await host.Client.GetInstanceAsync("ghost", getInputsAndOutputs: true, cancellation));
        Assert.Null(await host.Client.GetInstanceAsync("not a valid id", cancellation));
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task GetInstanceAsync_Pending_ReportsPending(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend, configure: o => o.RunWorker = false);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "queued", cancellation);

        var metadata = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, metadata?.RuntimeStatus);
        Assert.Equal(nameof(HelloSequence), metadata?.Name);
        Assert.Equal("queued", metadata?.ReadInputAs<string>());
    }
}
