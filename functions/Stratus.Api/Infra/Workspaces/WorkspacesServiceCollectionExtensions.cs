using Stratus.Api.Infra.Organizations;
using Stratus.Infra.Organizations;
using Stratus.Infra.Workspaces;

namespace Stratus.Api.Infra.Workspaces;

internal static class WorkspacesServiceCollectionExtensions
{
    public static IServiceCollection AddStratusWorkspaces(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InfraOptions>()
            .Bind(configuration.GetSection(InfraOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<OrganizationStore>();
        services.AddSingleton<IOrganizationLookup>(sp => sp.GetRequiredService<OrganizationStore>());
        services.AddSingleton<WorkspaceStore>();
        services.AddSingleton<IWorkspaceLookup>(sp => sp.GetRequiredService<WorkspaceStore>());
        services.AddSingleton<ISourceArchiveValidator, ExtractingSourceArchiveValidator>();
        return services;
    }
}
