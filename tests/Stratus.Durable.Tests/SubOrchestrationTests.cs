using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class SubOrchestrationTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task CallSubOrchestratorAsync_ChildCompletes_ParentGetsOutput(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        var result = await host.RunAsync(nameof(CallSubOrchestrator), new SubCall(nameof(FanOutFanIn), 10, "child-1"), cancellation);

        Assert.Equal("ok:385", result.ReadOutputAs<string>());
        var child = await host.Client.GetInstanceAsync("child-1", getInputsAndOutputs: true, cancellation);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child?.RuntimeStatus);
        Assert.Equal(nameof(FanOutFanIn), child?.Name);
        Assert.Equal(385, child?.ReadOutputAs<int>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task CallSubOrchestratorAsync_ChildFails_ParentCatchesFailure(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        var result = await host.RunAsync(nameof(CallSubOrchestrator), new SubCall(nameof(FailUnhandled), "child broke", "child-2"), cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.StartsWith($"failed:{typeof(TaskFailedException).FullName}:", result.ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.Contains("child broke", result.ReadOutputAs<string>(), StringComparison.Ordinal);
        var child = await host.Client.GetInstanceAsync("child-2", cancellation);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, child?.RuntimeStatus);
    }
}
