namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Waits on a durable timer for the input's milliseconds; returns the orchestration time before and after.</summary>
public sealed class Sleep : Orchestrator<int, DateTime[]>
{
    public override async Task<DateTime[]> RunAsync(OrchestrationContext context, int input)
    {
        var before = context.CurrentUtcDateTime;
        await context.CreateTimer(TimeSpan.FromMilliseconds(input));
        return [before, context.CurrentUtcDateTime];
    }
}
