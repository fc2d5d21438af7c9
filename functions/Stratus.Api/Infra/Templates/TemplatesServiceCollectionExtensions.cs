using Stratus.Api.Infra.Organizations;

namespace Stratus.Api.Infra.Templates;

internal static class TemplatesServiceCollectionExtensions
{
    public static IServiceCollection AddStratusTemplates(this IServiceCollection services)
    {
        services.AddSingleton<IOrganizationSeeder, DefaultTemplateSeeder>();
        return services;
    }
}
