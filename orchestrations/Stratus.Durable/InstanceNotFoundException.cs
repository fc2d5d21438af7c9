namespace Stratus.Durable;

public sealed class InstanceNotFoundException : InvalidOperationException
{
    public InstanceNotFoundException()
    {
    }

    public InstanceNotFoundException(string message)
        : base(message)
    {
    }

    public InstanceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
