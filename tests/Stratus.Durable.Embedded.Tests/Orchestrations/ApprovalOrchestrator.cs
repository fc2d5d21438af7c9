using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.Tests.Orchestrations;

/// <summary>Waits for an "approval" event and returns its payload.</summary>
public sealed class ApprovalOrchestrator : TaskOrchestrator<string?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        var approval = await context.WaitForExternalEvent<string>("approval");
        return $"approved:{approval}";
    }
}
