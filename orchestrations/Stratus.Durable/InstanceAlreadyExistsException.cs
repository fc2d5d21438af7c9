namespace Stratus.Durable;

/// <summary>An instance with the id already exists in a status the start request does not replace.</summary>
public sealed class InstanceAlreadyExistsException(string message, Exception? innerException = null) : Exception(message, innerException);
