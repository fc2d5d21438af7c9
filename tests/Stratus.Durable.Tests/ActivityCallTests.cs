using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class ActivityCallTests
{
    public static TheoryData<StorageKind> Storage => [StorageKind.Embedded, StorageKind.Azurite];

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CallActivityAsync_Sequence_ReturnsResultsInOrder(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);

        var result = await host.RunAsync(nameof(HelloSequence), null, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!", "Hello Paris!", "Hello Berlin!"], result.ReadOutputAs<List<string>>());
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CallActivityAsync_FanOutOf200_SumsEveryResult(StorageKind storage)
    {
        var cancellation = TestTimeout.Token(120);
        await using var host = await DurableHost.StartAsync(storage);

        var result = await host.RunAsync(nameof(FanOutFanIn), 200, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 200).Sum(i => i * i), result.ReadOutputAs<int>());
        var history = await host.Client.GetHistoryAsync(result.InstanceId, cancellation);
        Assert.Equal(200, history.OfType<History.TaskScheduledEvent>().Count());
        Assert.Equal(200, history.OfType<History.TaskCompletedEvent>().Select(e => e.TaskScheduledId).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CallActivityAsync_ActivityThrows_OrchestratorCatchesTypedFailure(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);

        var result = await host.RunAsync(nameof(CatchFailure), "disk full", cancellation);

        Assert.Equal("Fail|System.InvalidOperationException|disk full", result.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CallActivityAsync_FailureNotCaught_FailsInstanceWithDetails(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);

        var result = await host.RunAsync(nameof(FailUnhandled), "bad input", cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var failure = Assert.IsType<FailureDetails>(result.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Contains("bad input", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("System.InvalidOperationException", failure.InnerFailure?.ErrorType);
        Assert.True(failure.IsCausedBy<InvalidOperationException>());
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CallActivityAsync_LargePayloads_RoundTripThroughBlobs(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var big = string.Concat(Enumerable.Range(0, 20_000).Select(i => (char)('a' + (i % 26)))) + "\"quotes\" and \\slashes\\";

        var result = await host.RunAsync(nameof(EchoTwice), big, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(big + big, result.ReadOutputAs<string>());
        Assert.Equal(big, result.ReadInputAs<string>());
    }
}
