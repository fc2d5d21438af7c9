namespace Stratus.Durable;

/// <summary>The untyped face of <see cref="Orchestrator{TInput,TOutput}"/> that the engine runs.</summary>
public interface IOrchestrator
{
    Task<object?> RunAsync(OrchestrationContext context, string? serializedInput);
}
