using Microsoft.DurableTask;

namespace Stratus.Benchmarks.Durable;

/// <summary>The Durable Functions sample: five activities in a row, the usual yardstick for orchestration throughput.</summary>
internal sealed class HelloSequence5 : TaskOrchestrator<object?, List<string>>
{
    private static readonly string[] Cities = ["Tokyo", "Seattle", "London", "Paris", "Berlin"];

    public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, object? input)
    {
        List<string> greetings = [];
        foreach (var city in Cities)
        {
            greetings.Add(await context.CallActivityAsync<string>(nameof(SayHello), city));
        }

        return greetings;
    }
}
