using Microsoft.DurableTask;

namespace Stratus.Benchmarks.Durable;

/// <summary>Calls <see cref="Noop"/> as many times as the input says, each call after the previous one returns.</summary>
internal sealed class Sequence : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var sum = 0;
        for (var i = 0; i < input; i++)
        {
            sum += await context.CallActivityAsync<int>(nameof(Noop), i);
        }

        return sum;
    }
}
