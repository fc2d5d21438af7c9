using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>
/// Shows in its custom status which host ran its first episode, waits for "go", and returns the host that ran the
/// last one. Tag reads are not replay-safe on purpose: they tell where each episode ran, and decide no action.
/// </summary>
internal sealed class ParkOnHost(WorkerTag tag) : TaskOrchestrator<object?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
        if (!context.IsReplaying)
        {
            context.SetCustomStatus(tag.Name);
        }

        await context.WaitForExternalEvent<string>("go");
        return tag.Name;
    }
}
