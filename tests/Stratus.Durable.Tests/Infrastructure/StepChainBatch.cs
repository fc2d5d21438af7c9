using Stratus.Durable.Client;
using Stratus.Durable.History;
using Stratus.Durable.TestWorker;

namespace Stratus.Durable.Tests.Infrastructure;

/// <summary>A batch of <see cref="StepChain"/> instances, and the checks that each ran to the right end exactly once.</summary>
internal sealed class StepChainBatch
{
    private readonly List<(string Id, int Input)> _instances;

    private StepChainBatch(List<(string Id, int Input)> instances) => _instances = instances;

    public IReadOnlyList<string> InstanceIds => [.. _instances.Select(i => i.Id)];

    public static async Task<StepChainBatch> ScheduleAsync(DurableClient client, string prefix, int count, CancellationToken cancellationToken)
    {
        var instances = Enumerable.Range(1, count).Select(i => ($"{prefix}-{i:D3}", i)).ToList();
        await Task.WhenAll(instances.Select(i =>
            client.ScheduleNewOrchestrationInstanceAsync(nameof(StepChain), i.Item2, new StartOrchestrationOptions(i.Item1), cancellationToken)));
        return new StepChainBatch(instances);
    }

    public async Task<int> CountCompletedAsync(DurableClient client, CancellationToken cancellationToken)
    {
        var states = await Task.WhenAll(_instances.Select(i => client.GetInstanceAsync(i.Id, fetchInputsAndOutputs: false, cancellationToken)));
        return states.Count(s => s?.IsCompleted == true);
    }

    /// <summary>
    /// Waits for every instance, then checks its output and its history and its child's.
    /// </summary>
    /// <returns>Every activity call of the batch, as (instance, task id), to compare with the runs the activities noted.</returns>
    public async Task<IReadOnlySet<(string InstanceId, int TaskId)>> AssertEachCompletedOnceAsync(DurableClient client, CancellationToken cancellationToken)
    {
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
}
