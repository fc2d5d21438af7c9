using Stratus.Durable.History;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

/// <summary>The engine under the Functions host's delivery: one message per invocation, in parallel, any worker.</summary>
public sealed class HostDeliveryTests
{
    public static TheoryData<StorageKind> Storage => [StorageKind.Embedded, StorageKind.Azurite];

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task HandleMessages_ParallelPerMessageDelivery_FanInCompletesWithoutFailedInvocations(StorageKind storage)
    {
        var cancellation = TestTimeout.Token(120);
        await using var host = await DurableHost.StartAsync(storage, configure: o => o.RunWorker = false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var simulator = new FunctionsHostSimulator(host.Services, parallelism: 16);
        var delivering = simulator.RunAsync(stop.Token);

        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            ids.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutFanIn), 100, cancellationToken: cancellation));
        }

        ids.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), cancellationToken: cancellation));
        var results = new List<Client.OrchestrationMetadata>();
        foreach (var id in ids)
        {
            results.Add(await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: cancellation));
        }

        await stop.CancelAsync();
        await delivering;

        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.All(results.Take(2), r => Assert.Equal(338_350, r.ReadOutputAs<int>()));

        // Racing invocations lose ETag races, and the losers reload instead of failing into the poison queue.
        Assert.True(simulator.Failures == 0, $"{simulator.Failures} failed invocations:{Environment.NewLine}{simulator.Errors}");
        Assert.Equal(0, simulator.Poisoned);
        foreach (var id in ids)
        {
            var history = await host.Client.GetHistoryAsync(id, cancellation);
            var completions = history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId).ToList();
            Assert.Equal(completions.Count, completions.Distinct().Count());
        }
    }
}
