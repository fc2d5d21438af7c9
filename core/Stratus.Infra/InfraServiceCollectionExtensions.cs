using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Stratus.Infra.ConfigurationVersions;
using Stratus.Infra.Execution;
using Stratus.Infra.Jobs;
using Stratus.Infra.Organizations;
using Stratus.Infra.Registry.Modules;
using Stratus.Infra.Registry.Providers;
using Stratus.Infra.Schedules;
using Stratus.Infra.Templates;
using Stratus.Infra.Variables;
using Stratus.Infra.Workspaces;

namespace Stratus.Infra;

public static class InfraServiceCollectionExtensions
{
    /// <summary>
    /// The terraform domain's stores, the variable resolver and the release download client. The host adds the state
    /// store (its size limit is an API setting) and a <see cref="Secrets.SecretProtector"/> for the variable store.
    /// </summary>
    public static IServiceCollection AddStratusInfraCore(this IServiceCollection services)
    {
        services.TryAddSingleton<OrganizationStore>();
        services.TryAddSingleton<IOrganizationLookup>(sp => sp.GetRequiredService<OrganizationStore>());
        services.TryAddSingleton<WorkspaceStore>();
        services.TryAddSingleton<IWorkspaceLookup>(sp => sp.GetRequiredService<WorkspaceStore>());
        services.TryAddSingleton<TemplateStore>();
        services.TryAddSingleton<JobStore>();
        services.TryAddSingleton<ScheduleStore>();
        services.TryAddSingleton<ConfigurationVersionStore>();
        services.TryAddSingleton<VariableStore>();
        services.TryAddSingleton<CollectionStore>();
        services.TryAddSingleton<VariableResolver>();
        services.TryAddSingleton<ModuleStore>();
        services.TryAddSingleton<ModulePublisher>();
        services.TryAddSingleton<ProviderSigningKeyStore>();
        services.TryAddSingleton<ProviderRegistryStore>();
        services.AddTerraformHttpClient();
        return services;
    }
}
