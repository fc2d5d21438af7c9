using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class ActivityTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task CallActivityAsync_Sequence_ReturnsResultsInOrder(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        var result = await host.RunAsync(nameof(HelloSequence), null, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!", "Hello Paris!", "Hello Berlin!"], result.ReadOutputAs<List<string>>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task CallActivityAsync_FanOutOf50_SumsEveryResult(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        var result = await host.RunAsync(nameof(FanOutFanIn), 50, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 50).Sum(i => i * i), result.ReadOutputAs<int>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task CallActivityAsync_ActivityThrows_OrchestratorCatchesFailureDetails(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        var result = await host.RunAsync(nameof(CatchFailure), "disk full", cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Fail|System.InvalidOperationException|disk full", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task CallActivityAsync_FailureNotCaught_FailsInstanceWithDetails(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        var result = await host.RunAsync(nameof(FailUnhandled), "bad input", cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var failure = Assert.IsType<TaskFailureDetails>(result.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Contains("bad input", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(result.SerializedOutput);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task CallActivityAsync_OneMegabytePayload_RoundTripsAsInputAndOutput(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token(90);
        await using var host = await DurableHost.StartAsync(backend);
        var random = new Random(42);
        var payload = new StringBuilder(1024 * 1024);
        while (payload.Length < 1024 * 1024)
        {
            payload.Append((char)('a' + random.Next(26)));
        }

        payload.Append("\"quotes\" and \\slashes\\ and ünïcødé");

        var result = await host.RunAsync(nameof(EchoPayload), payload.ToString(), cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(payload.ToString(), result.ReadInputAs<string>());
        Assert.Equal(payload.ToString(), result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task CallActivityAsync_ScopedDependency_IsFreshAndDisposedForEachExecution(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        var result = await host.RunAsync(nameof(ProbeTwice), null, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var probes = result.ReadOutputAs<Guid[]>()!;
        Assert.Equal(2, probes.Distinct().Count());
        var log = host.Services.GetRequiredService<ProbeLog>();
        Assert.Subset(log.Created.ToHashSet(), probes.ToHashSet());
        Assert.Equal(log.Created.ToHashSet(), log.Disposed.ToHashSet());
    }
}
