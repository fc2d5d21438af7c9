namespace Stratus.Functions.Security;

/// <summary>Only the local Azure Functions host may call the endpoint (trigger invocations); the handler checks loopback.</summary>
public sealed record FunctionsHostAccess : EndpointAccess;
