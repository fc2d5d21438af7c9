namespace Stratus.Api.Infra.Registry.Modules;

internal static class ModulesServiceCollectionExtensions
{
    /// <summary>The registry's settings, its download signer and its cross-organization catalog.</summary>
    public static IServiceCollection AddStratusModules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModuleRegistryOptions>()
            .Bind(configuration.GetSection(ModuleRegistryOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ModuleDownloadSigner>();
        services.AddSingleton<ModuleRegistryCatalog>();
        return services;
    }
}
