using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>The Durable Functions sample: five activities in a row.</summary>
internal sealed class HelloSequence : TaskOrchestrator<object?, List<string>>
{
    public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, object? input)
    {
        List<string> greetings = [];
        foreach (var city in new[] { "Tokyo", "Seattle", "London", "Paris", "Berlin" })
        {
            greetings.Add(await context.CallActivityAsync<string>(nameof(SayHello), city));
        }

        return greetings;
    }
}
