using System.Text.Json;
using Stratus.Durable;

namespace Stratus.Functions.Tests.Durable;

/// <summary>Says in its custom status that it waits for "approval", then completes with that event's payload.</summary>
public sealed class WaitForApprovalOrchestrator : Orchestrator<JsonElement?, JsonElement?>
{
    public override async Task<JsonElement?> RunAsync(OrchestrationContext context, JsonElement? input)
    {
        context.SetCustomStatus(new { waitingFor = "approval" });
        return await context.WaitForExternalEvent<JsonElement?>("approval");
    }
}
