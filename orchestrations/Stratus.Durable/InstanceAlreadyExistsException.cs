namespace Stratus.Durable;

/// <summary>An instance with this id is pending, running or suspended; it can be started again once it has finished.</summary>
public sealed class InstanceAlreadyExistsException : InvalidOperationException
{
    public InstanceAlreadyExistsException()
    {
    }

    public InstanceAlreadyExistsException(string message)
        : base(message)
    {
    }

    public InstanceAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
