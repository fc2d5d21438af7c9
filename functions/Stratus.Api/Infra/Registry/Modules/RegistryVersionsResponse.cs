namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>The module registry protocol's list of versions: <c>{"modules": [{"source": …, "versions": [{"version": "1.0.0"}]}]}</c>.</summary>
internal sealed record RegistryVersionsResponse(IReadOnlyList<RegistryVersionsModule> Modules);
