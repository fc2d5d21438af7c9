using Microsoft.DurableTask;

namespace Stratus.Benchmarks.Durable;

/// <summary>Calls <see cref="Noop"/> as many times as the input says, all at once, and waits for every result.</summary>
internal sealed class FanOut : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, input).Select(i => context.CallActivityAsync<int>(nameof(Noop), i)));
        return results.Length;
    }
}
