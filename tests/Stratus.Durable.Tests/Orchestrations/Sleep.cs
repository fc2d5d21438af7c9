using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Waits on a durable timer for the input's milliseconds; returns the orchestration time before and after.</summary>
internal sealed class Sleep : TaskOrchestrator<int, DateTime[]>
{
    public override async Task<DateTime[]> RunAsync(TaskOrchestrationContext context, int input)
    {
        var before = context.CurrentUtcDateTime;
        await context.CreateTimer(TimeSpan.FromMilliseconds(input), CancellationToken.None);
        return [before, context.CurrentUtcDateTime];
    }
}
