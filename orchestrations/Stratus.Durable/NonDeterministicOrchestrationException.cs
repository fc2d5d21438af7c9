namespace Stratus.Durable;

/// <summary>
/// Replay scheduled something other than what history recorded: the orchestrator's code changed under a running
/// instance, or it is not deterministic. The instance fails with this error.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    public NonDeterministicOrchestrationException()
    {
    }

    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
