using System.Text.Json;
using Microsoft.DurableTask;

namespace Stratus.Api.Tests.Durable;

/// <summary>Completes at once with its input.</summary>
internal sealed class EchoOrchestrator : TaskOrchestrator<JsonElement?, JsonElement?>
{
    public override Task<JsonElement?> RunAsync(TaskOrchestrationContext context, JsonElement? input) => Task.FromResult(input);
}
