namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>A version in the protocol's version list.</summary>
internal sealed record RegistryVersion(string Version);
