using Microsoft.DurableTask.Client;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class TerminateTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task TerminateInstanceAsync_Running_TerminatesWithOutput(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellation);
        await host.WaitForCustomStatusAsync(id, "0", cancellation);

        await host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = "operator said so" }, cancellation);
        var result = await host.WaitUntilFinishedAsync(id, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("operator said so", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task TerminateInstanceAsync_Pending_TerminatesBeforeItRuns(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var location = await TaskHubLocation.CreateAsync(backend);
        string id;
        await using (var client = await DurableHost.StartAsync(location, configure: o => o.RunWorker = false))
        {
            id = await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), cancellation);
            await client.Client.TerminateInstanceAsync(id, "not needed", cancellation);
        }

        await using var host = await DurableHost.StartAsync(location);
        var result = await host.WaitUntilFinishedAsync(id, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("not needed", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task TerminateInstanceAsync_Finished_LeavesItUnchanged(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var done = await host.RunAsync(nameof(HelloSequence), null, cancellation);

        await host.Client.TerminateInstanceAsync(done.InstanceId, "too late", cancellation);

        // A terminate message would have been processed by the time a later instance finishes.
        await host.RunAsync(nameof(HelloSequence), null, cancellation);
        var after = await host.Client.GetInstanceAsync(done.InstanceId, getInputsAndOutputs: true, cancellation);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after?.RuntimeStatus);
        Assert.Equal(done.SerializedOutput, after?.SerializedOutput);
        Assert.Equal(done.LastUpdatedAt, after?.LastUpdatedAt);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task TerminateInstanceAsync_Missing_ThrowsNotFound(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.TerminateInstanceAsync("ghost", "why", cancellation));
    }
}
