using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

[Collection(nameof(NonDeterminismTests))]
public sealed class NonDeterminismTests
{
    public static TheoryData<StorageKind> Storage => [StorageKind.Embedded, StorageKind.Azurite];

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task Replay_CodeSchedulesDifferentActivity_FailsNamingOrchestratorAndStep(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();

        // No extended sessions: every episode replays from history, as after a restart or deployment.
        await using var host = await DurableHost.StartAsync(storage, configure: o => o.ExtendedSessionCapacity = 0);
        ChangingCode.ActivityName = nameof(SayHello);
        try
        {
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ChangingCode), cancellationToken: cancellation);
            await ExternalEventTests.WaitForCustomStatusAsync(host, id, "\"waiting\"", cancellation);

            ChangingCode.ActivityName = nameof(Echo);
            await host.Client.RaiseEventAsync(id, "go", "now", cancellation);
            var result = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: cancellation);

            Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
            Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.FailureDetails!.ErrorType);
            Assert.Contains($"Orchestrator '{nameof(ChangingCode)}'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
            Assert.Contains("step #0 is activity 'SayHello', but replay scheduled activity 'Echo'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        }
        finally
        {
            ChangingCode.ActivityName = nameof(SayHello);
        }
    }
}
