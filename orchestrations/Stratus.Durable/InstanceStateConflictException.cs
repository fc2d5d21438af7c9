namespace Stratus.Durable;

/// <summary>The instance exists but is in a status that refuses the request (e.g. an event for a finished instance).</summary>
public sealed class InstanceStateConflictException(string message, Exception? innerException = null) : Exception(message, innerException);
