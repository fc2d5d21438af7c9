namespace Stratus.Api.Infra.Registry.Modules;

internal static class ModulesServiceCollectionExtensions
{
    /// <summary>The registry's settings, its download signer and catalog, and the route constraints of module addresses.</summary>
    public static IServiceCollection AddStratusModules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModuleRegistryOptions>()
            .Bind(configuration.GetSection(ModuleRegistryOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ModuleDownloadSigner>();
        services.AddSingleton<ModuleRegistryCatalog>();
        services.Configure<RouteOptions>(options =>
        {
            options.SetParameterPolicy<ModuleNameRouteConstraint>(ModuleNameRouteConstraint.Name);
            options.SetParameterPolicy<ModuleSystemRouteConstraint>(ModuleSystemRouteConstraint.Name);
        });
        return services;
    }
}
