namespace Stratus.Durable;

/// <summary>No orchestration instance has the id.</summary>
public sealed class InstanceNotFoundException(string message, Exception? innerException = null) : Exception(message, innerException);
