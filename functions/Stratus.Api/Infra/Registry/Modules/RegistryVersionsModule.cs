namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>One module's entry in <see cref="RegistryVersionsResponse"/>.</summary>
internal sealed record RegistryVersionsModule(string Source, IReadOnlyList<RegistryVersion> Versions);
