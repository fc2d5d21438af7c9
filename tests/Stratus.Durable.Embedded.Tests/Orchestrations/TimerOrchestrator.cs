using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.Tests.Orchestrations;

/// <summary>Sleeps on a durable timer for the given milliseconds and reports when it woke (orchestration time).</summary>
public sealed class TimerOrchestrator : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        var fireAt = context.CurrentUtcDateTime.AddMilliseconds(input);
        await context.CreateTimer(fireAt, CancellationToken.None);
        return fireAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
    }
}
