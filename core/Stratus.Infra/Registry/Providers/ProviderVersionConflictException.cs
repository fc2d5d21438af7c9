namespace Stratus.Infra.Registry.Providers;

/// <summary>The version is published already; versions are immutable (terraform's lock files pin their checksums).</summary>
public sealed class ProviderVersionConflictException(string message) : Exception(message);
