using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class DeterminismTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task NewGuid_Replayed_IsTheSameAsFirstTime(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        var result = await host.RunAsync(nameof(GuidsAndLogs), null, cancellation);

        var guids = result.ReadOutputAs<Guid[]>()!;
        Assert.Equal(2, guids.Distinct().Count());
        Assert.DoesNotContain(Guid.Empty, guids);
        var runs = host.Services.GetRequiredService<GuidRecorder>().Runs;
        Assert.Contains(runs, r => !r.Replaying);
        Assert.Contains(runs, r => r.Replaying);
        Assert.All(runs, r => Assert.Equal(guids[0], r.First));
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task CreateReplaySafeLogger_Replayed_LogsEachLineOnce(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);

        await host.RunAsync(nameof(GuidsAndLogs), null, cancellation);

        var lines = host.Logs.Entries.Where(e => e.Message.StartsWith("GuidsAndLogs ", StringComparison.Ordinal)).Select(e => e.Message);
        Assert.Equal(["GuidsAndLogs before", "GuidsAndLogs after"], lines);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task Replay_CodeNowCallsDifferentActivity_FailsInstanceAsNonDeterministic(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var id = "changing-" + Guid.NewGuid().ToString("N");
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ChangingCode), null, new StartOrchestrationOptions(id), cancellation);
        await host.WaitForCustomStatusAsync(id, "\"waiting\"", cancellation);

        // "Deploys" code that calls another activity at the same step, then wakes the instance to replay it.
        ChangingCode.ActivityNames[id] = nameof(Echo);
        await host.Client.RaiseEventAsync(id, "go", "now", cancellation);
        var result = await host.WaitUntilFinishedAsync(id, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("NonDeterministic", result.FailureDetails?.ErrorType, StringComparison.Ordinal);
        Assert.Contains(nameof(SayHello), result.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }
}
