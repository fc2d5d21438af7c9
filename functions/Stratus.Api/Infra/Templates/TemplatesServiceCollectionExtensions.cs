using Stratus.Api.Infra.Organizations;
using Stratus.Infra.Templates;

namespace Stratus.Api.Infra.Templates;

internal static class TemplatesServiceCollectionExtensions
{
    public static IServiceCollection AddStratusTemplates(this IServiceCollection services)
    {
        services.AddSingleton<TemplateStore>();
        services.AddSingleton<IOrganizationSeeder, DefaultTemplateSeeder>();
        return services;
    }
}
