namespace Stratus.Infra.Variables;

/// <summary>The caller's <c>If-Match</c> version is not the current one: someone changed the thing since it was read.</summary>
public sealed class StaleVersionException(string message) : Exception(message);
