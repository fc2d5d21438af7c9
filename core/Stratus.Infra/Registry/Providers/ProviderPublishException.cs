namespace Stratus.Infra.Registry.Providers;

/// <summary>A publish was refused before anything was stored; the message names the file or field and what to fix.</summary>
public sealed class ProviderPublishException(string message) : Exception(message);
