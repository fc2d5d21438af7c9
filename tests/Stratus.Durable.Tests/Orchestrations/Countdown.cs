using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>
/// An eternal orchestration: each execution waits for one "tick" and continues as new with the count plus the tick,
/// keeping ticks that arrived early; it returns once the count reaches 3.
/// </summary>
internal sealed class Countdown : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        if (input >= 3)
        {
            return input;
        }

        var tick = await context.WaitForExternalEvent<int>("tick");
        context.ContinueAsNew(input + tick, preserveUnprocessedEvents: true);
        return input;
    }
}
