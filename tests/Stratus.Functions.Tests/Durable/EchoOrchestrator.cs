using System.Text.Json;
using Stratus.Durable;

namespace Stratus.Functions.Tests.Durable;

/// <summary>Completes at once with its input.</summary>
public sealed class EchoOrchestrator : Orchestrator<JsonElement?, JsonElement?>
{
    public override Task<JsonElement?> RunAsync(OrchestrationContext context, JsonElement? input) => Task.FromResult(input);
}
