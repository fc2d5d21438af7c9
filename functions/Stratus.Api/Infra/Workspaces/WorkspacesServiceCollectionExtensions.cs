using Stratus.Api.Infra.Organizations;

namespace Stratus.Api.Infra.Workspaces;

internal static class WorkspacesServiceCollectionExtensions
{
    public static IServiceCollection AddStratusWorkspaces(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InfraOptions>()
            .Bind(configuration.GetSection(InfraOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ISourceArchiveValidator, ExtractingSourceArchiveValidator>();
        return services;
    }
}
