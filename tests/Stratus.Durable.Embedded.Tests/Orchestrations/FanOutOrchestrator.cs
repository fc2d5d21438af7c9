using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.Tests.Orchestrations;

/// <summary>Runs <see cref="DoubleActivity"/> for 1..n at once and sums the results.</summary>
public sealed class FanOutOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var tasks = Enumerable.Range(1, input).Select(n => context.CallActivityAsync<int>(nameof(DoubleActivity), n)).ToList();
        var results = await Task.WhenAll(tasks);
        return results.Sum();
    }
}
