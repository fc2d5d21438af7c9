namespace Stratus.Durable;

/// <summary>The instance's status does not allow the request, e.g. raising an event on a completed instance.</summary>
public sealed class InstanceStateConflictException : InvalidOperationException
{
    public InstanceStateConflictException()
    {
    }

    public InstanceStateConflictException(string message)
        : base(message)
    {
    }

    public InstanceStateConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
