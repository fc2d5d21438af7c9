using Stratus.Functions.Infra.Organizations;
using Stratus.Infra.Templates;

namespace Stratus.Functions.Infra.Templates;

internal static class TemplatesServiceCollectionExtensions
{
    public static IServiceCollection AddStratusTemplates(this IServiceCollection services)
    {
        services.AddSingleton<TemplateStore>();
        services.AddSingleton<IOrganizationSeeder, DefaultTemplateSeeder>();
        return services;
    }
}
