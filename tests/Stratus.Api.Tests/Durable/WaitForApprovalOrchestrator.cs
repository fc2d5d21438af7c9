using System.Text.Json;
using Microsoft.DurableTask;

namespace Stratus.Api.Tests.Durable;

/// <summary>Says in its custom status that it waits for "approval", then completes with that event's payload.</summary>
internal sealed class WaitForApprovalOrchestrator : TaskOrchestrator<JsonElement?, JsonElement?>
{
    public override async Task<JsonElement?> RunAsync(TaskOrchestrationContext context, JsonElement? input)
    {
        context.SetCustomStatus(new { waitingFor = "approval" });
        return await context.WaitForExternalEvent<JsonElement?>("approval");
    }
}
