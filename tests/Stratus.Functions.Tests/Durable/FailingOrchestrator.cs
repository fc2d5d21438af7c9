using Stratus.Durable;

namespace Stratus.Functions.Tests.Durable;

/// <summary>Fails at once with an <see cref="InvalidOperationException"/> whose message is the input.</summary>
public sealed class FailingOrchestrator : Orchestrator<string, string>
{
    public override Task<string> RunAsync(OrchestrationContext context, string input) => throw new InvalidOperationException(input);
}
