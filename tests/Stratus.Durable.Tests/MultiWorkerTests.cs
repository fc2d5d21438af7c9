using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

/// <summary>
/// Two hosts on one Azure Storage task hub, as several machines run one app: they split the control queues
/// (partitions) between them, and one takes over the other's when it stops. The embedded backend is one process's.
/// </summary>
public sealed class MultiWorkerTests
{
    private const int PartitionCount = 4;
    private const int BatchSize = 8;

    [Fact]
    public async Task TwoHosts_OneHub_SplitPartitionsAndShareTheInstances()
    {
        var cancellation = TestTimeout.Token(150);
        await using var location = await TaskHubLocation.CreateAsync(DurableBackend.AzureStorage, PartitionCount);
        await using var first = await StartAsync(location, "first");
        await using var second = await StartAsync(location, "second");
        await WaitUntilSplitAsync(location, cancellation);

        var parked = await ParkUntilRunOnAsync(first, ["first", "second"], cancellation);
        foreach (var id in parked.Keys)
        {
            await second.Client.RaiseEventAsync(id, "go", "now", cancellation);
        }

        var finishedOn = new HashSet<string>();
        foreach (var id in parked.Keys)
        {
            var result = await first.WaitUntilFinishedAsync(id, cancellation);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            finishedOn.Add(result.ReadOutputAs<string>()!);
        }

        Assert.Equal(["first", "second"], finishedOn.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TwoHosts_OneStops_OtherFinishesItsInstances()
    {
        var cancellation = TestTimeout.Token(150);
        await using var location = await TaskHubLocation.CreateAsync(DurableBackend.AzureStorage, PartitionCount);
        await using var stopping = await StartAsync(location, "stopping");
        await using var staying = await StartAsync(location, "staying");
        await WaitUntilSplitAsync(location, cancellation);
        var parked = await ParkUntilRunOnAsync(staying, ["stopping"], cancellation);

        await stopping.StopAsync();
        foreach (var id in parked.Keys)
        {
            await staying.Client.RaiseEventAsync(id, "go", "now", cancellation);
        }

        foreach (var id in parked.Keys)
        {
            var result = await staying.WaitUntilFinishedAsync(id, cancellation);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            Assert.Equal("staying", result.ReadOutputAs<string>());
        }
    }

    private static Task<DurableHost> StartAsync(TaskHubLocation location, string name) =>
        DurableHost.StartAsync(location, services => services.AddSingleton(new WorkerTag(name)), options => options.WorkerId = name);

    /// <summary>Waits until each of the two workers owns some partitions and none is changing hands.</summary>
    private static async Task WaitUntilSplitAsync(TaskHubLocation location, CancellationToken cancellationToken)
    {
        var partitions = new TableClient(location.ConnectionString, location.HubName + "Partitions");
        while (true)
        {
            var leases = new List<TableEntity>();
            await foreach (var lease in partitions.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                leases.Add(lease);
            }

            if (leases.Count == PartitionCount
                && leases.All(l => l.GetString("CurrentOwner") is not null && l.GetString("NextOwner") is null)
                && leases.Select(l => l.GetString("CurrentOwner")).Distinct().Count() == 2)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The two workers did not split the partitions; they stand at {string.Join(", ", leases.Select(l => $"{l.RowKey}: {l.GetString("CurrentOwner")} -> {l.GetString("NextOwner")}"))}.");
            }
        }
    }

    /// <summary>
    /// Starts <see cref="ParkOnHost"/> instances, a batch at a time, until the hosts named have each run some; returns
    /// where each ran. More than one batch may be needed: for a moment after a partition changes hands, DTFx's old
    /// owner still takes messages from its queue.
    /// </summary>
    private static async Task<Dictionary<string, string>> ParkUntilRunOnAsync(DurableHost host, string[] hosts, CancellationToken cancellationToken)
    {
        var parked = new Dictionary<string, string>();
        while (!hosts.All(parked.ContainsValue))
        {
            var batch = new List<string>();
            for (var i = 0; i < BatchSize; i++)
            {
                batch.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync(
                    nameof(ParkOnHost), null, new StartOrchestrationOptions($"parked-{parked.Count + i}"), cancellationToken));
            }

            foreach (var id in batch)
            {
                var running = await host.WaitForAsync(id, m => m.SerializedCustomStatus is not null, "has run", cancellationToken);
                parked[id] = running.ReadCustomStatusAs<string>()!;
            }
        }

        return parked;
    }
}
