namespace Stratus.Durable.Storage;

/// <summary>Another worker checkpointed the instance first; reload and try again.</summary>
internal sealed class CheckpointConflictException : Exception
{
    public CheckpointConflictException()
    {
    }

    public CheckpointConflictException(string message)
        : base(message)
    {
    }

    public CheckpointConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
