using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.Tests.Orchestrations;

/// <summary>Consumes one "add" event per execution and continues as new, keeping events not yet consumed.</summary>
public sealed class CounterOrchestrator : TaskOrchestrator<int, int>
{
    public const int Target = 3;

    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        if (input >= Target)
        {
            return input;
        }

        await context.WaitForExternalEvent<string>("add");
        context.ContinueAsNew(input + 1, preserveUnprocessedEvents: true);
        return input;
    }
}
