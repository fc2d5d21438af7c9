using Microsoft.Extensions.DependencyInjection;
using Stratus.Durable.Client;
using Stratus.Durable.History;
using Stratus.Durable.Storage;
using Stratus.Durable.TestWorker;

namespace Stratus.Durable.Tests.Infrastructure;

/// <summary>A batch of <see cref="StepChain"/> instances, and the checks that each ran to the right end exactly once.</summary>
internal sealed class StepChainBatch
{
    private readonly List<(string Id, int Input)> _instances;

    private StepChainBatch(List<(string Id, int Input)> instances) => _instances = instances;

    public static async Task<StepChainBatch> ScheduleAsync(DurableHost host, string prefix, int count, CancellationToken cancellationToken)
    {
        var instances = Enumerable.Range(1, count).Select(i => ($"{prefix}-{i:D3}", i)).ToList();
        await Task.WhenAll(instances.Select(i =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(StepChain), i.Item2, new StartOrchestrationOptions(i.Item1), cancellationToken)));
        return new StepChainBatch(instances);
    }

    public async Task<int> CountCompletedAsync(DurableHost host, CancellationToken cancellationToken)
    {
        var states = await Task.WhenAll(_instances.Select(i => host.Client.GetInstanceAsync(i.Id, fetchInputsAndOutputs: false, cancellationToken)));
        return states.Count(s => s?.IsCompleted == true);
    }

    /// <summary>Waits for every instance, then checks its output, its history and its child's.</summary>
    /// <returns>Every activity call of the batch, as (instance, task id), to compare with the runs the activities noted.</returns>
    public async Task<IReadOnlySet<(string InstanceId, int TaskId)>> AssertEachCompletedOnceAsync(DurableHost host, CancellationToken cancellationToken)
    {
        await WaitAllAsync(host, cancellationToken);
        var client = host.Client;
        var calls = new HashSet<(string, int)>();
        foreach (var (id, input) in _instances)
        {
            var result = await client.WaitForInstanceCompletionAsync(id, cancellationToken: cancellationToken);
            Assert.True(result.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{id} is {result.RuntimeStatus}: {result.FailureDetails?.ErrorMessage}");
            Assert.Equal(StepChain.Expected(input), result.ReadOutputAs<long>());

            var history = await client.GetHistoryAsync(id, cancellationToken);
            HistoryAssert.EachStepOnce(id, history);
            Assert.Equal(StepChain.SequentialSteps + StepChain.FanOut, history.OfType<TaskScheduledEvent>().Count());
            Assert.Single(history.OfType<TimerCreatedEvent>());
            var child = Assert.Single(history.OfType<SubOrchestrationCreatedEvent>()).InstanceId;
            calls.UnionWith(history.OfType<TaskScheduledEvent>().Select(s => (id, s.EventId)));

            var childHistory = await client.GetHistoryAsync(child, cancellationToken);
            HistoryAssert.EachStepOnce(child, childHistory);
            calls.Add((child, Assert.Single(childHistory.OfType<TaskScheduledEvent>()).EventId));
        }

        return calls;
    }

    /// <summary>Waits for every instance to finish; when the token fires first, fails saying where the others stand.</summary>
    private async Task WaitAllAsync(DurableHost host, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_instances.Select(i => host.Client.WaitForInstanceCompletionAsync(i.Id, fetchInputsAndOutputs: false, cancellationToken)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            using var report = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var unfinished = new List<string>();
            foreach (var (id, _) in _instances)
            {
                var state = await host.Client.GetInstanceAsync(id, fetchInputsAndOutputs: false, report.Token);
                if (state?.IsCompleted != true)
                {
                    unfinished.Add(await DescribeAsync(host, id, report.Token));
                }
            }

            Assert.Fail($"{unfinished.Count} of {_instances.Count} instances did not finish in time:{Environment.NewLine}{string.Join(Environment.NewLine, unfinished)}");
        }
    }

    /// <summary>Where an instance (and its child, if it has one) stands: its last recorded step and what waits in its inbox.</summary>
    private static async Task<string> DescribeAsync(DurableHost host, string instanceId, CancellationToken cancellationToken)
    {
        var loaded = await host.Services.GetRequiredService<HistoryStore>().LoadAsync(instanceId, cancellationToken);
        var partition = host.Services.GetRequiredService<TaskHub>().PartitionOf(instanceId);
        var row = await host.Client.GetInstanceAsync(instanceId, fetchInputsAndOutputs: false, cancellationToken);
        var description = $"{instanceId} (partition {partition}): {row?.RuntimeStatus.ToString() ?? "no row"}, history {loaded.State?.Status.ToString() ?? "not started"}, " +
            $"last recorded {loaded.History.LastOrDefault()?.GetType().Name ?? "nothing"}, " +
            $"inbox [{string.Join(", ", loaded.Inbox.Select(r => r.Event.GetType().Name))}]";
        return loaded.History.OfType<SubOrchestrationCreatedEvent>().SingleOrDefault() is { } child && loaded.State?.Status.IsTerminal() != true
            ? $"{description}{Environment.NewLine}  child {await DescribeAsync(host, child.InstanceId, cancellationToken)}"
            : description;
    }
}
