using Stratus.Durable;

namespace Stratus.Benchmarks.Durable;

/// <summary>The Durable Functions sample: five activities in a row, the usual yardstick for orchestration throughput.</summary>
internal sealed class HelloSequence5 : Orchestrator<object?, List<string>>
{
    public override async Task<List<string>> RunAsync(OrchestrationContext context, object? input)
    {
        List<string> greetings = [];
        foreach (var city in new[] { "Tokyo", "Seattle", "London", "Paris", "Berlin" })
        {
            greetings.Add(await context.CallActivityAsync<string>(nameof(SayHello), city));
        }

        return greetings;
    }
}
