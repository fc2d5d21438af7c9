namespace Stratus.Durable;

/// <summary>
/// An orchestrator: deterministic code replayed from history. Use only the context for time, GUIDs, waiting and I/O
/// (through activities); never <c>DateTime.UtcNow</c>, <c>Guid.NewGuid</c>, <c>Task.Delay</c> or I/O.
/// </summary>
public abstract class Orchestrator<TInput, TOutput> : IOrchestrator
{
    public abstract Task<TOutput> RunAsync(OrchestrationContext context, TInput input);

    async Task<object?> IOrchestrator.RunAsync(OrchestrationContext context, string? serializedInput)
    {
        var input = DurableSerializer.Deserialize<TInput>(serializedInput);
        return await RunAsync(context, input!);
    }
}
