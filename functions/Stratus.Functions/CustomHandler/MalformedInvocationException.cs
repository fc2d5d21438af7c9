namespace Stratus.Functions.CustomHandler;

/// <summary>The invocation payload is not what the Functions host sends; the message says which part and why (a 400).</summary>
internal sealed class MalformedInvocationException(string message) : Exception(message);
