namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>A page of modules (list and search), as the public registry's API answers them.</summary>
internal sealed record RegistryModuleListResponse(RegistryListMeta Meta, IReadOnlyList<RegistryModuleResponse> Modules);
