using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.CrashWorker;

/// <summary>Calls <see cref="BenchActivity"/> <c>input</c> times at once (Task.WhenAll).</summary>
public sealed class BenchFanOutOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, input).Select(i => context.CallActivityAsync<int>(nameof(BenchActivity), i)));
        return results.Sum();
    }
}
