using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Containers.Registry;
using Stratus.Durable;
using Stratus.Kubernetes;

namespace Stratus.Orchestrations.Apps;

public static class AppOrchestrationsServiceCollectionExtensions
{
    /// <summary>The app pipeline: the operation orchestration and its build, rollout, route and finish activities.</summary>
    /// <remarks>
    /// The host registers the stores, an <see cref="Containers.Builders.IBuilderDriver"/>, the runtimes and the routers.
    /// The outbound HTTP clients the pipeline uses (registry, archive download, tsuru router API) are registered here.
    /// </remarks>
    public static IServiceCollection AddStratusAppOrchestrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AppPipelineOptions>().Bind(configuration.GetSection(AppPipelineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ArchiveUrls.ArchiveUrlOptions>().Bind(configuration.GetSection(ArchiveUrls.ArchiveUrlOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ArchiveUrls.ArchiveUrlOptions>, ArchiveUrls.ArchiveUrlOptionsValidator>();
        services.AddOptions<PoolDriverOptions>().Bind(configuration.GetSection(PoolDriverOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PoolDriverOptions>, PoolDriverOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PoolDriverOptions>>().Value);
        services.AddRegistryHttpClient();
        services.AddAppArchiveHttpClient();
        services.AddTsuruRouterHttpClient();
        services.AddSingleton<RegistryClientFactory>();
        // The Kubernetes pools' clients, with the auth settings from the same section (checked at start).
        services.AddStratusKubernetes(sp => sp.GetRequiredService<PoolDriverOptions>().KubernetesAuth());
        services.AddSingleton<PoolDrivers>();
        services.AddSingleton<AppBuilder>();
        services.AddSingleton<AppRollout>();
        services.AddSingleton<AppOperationFinisher>();
        services.AddStratusDurable(configuration)
            .AddOrchestrator<AppOperationOrchestrator>()
            .AddActivity<BuildAppActivity>()
            .AddActivity<RolloutAppActivity>()
            .AddActivity<RouteAppActivity>()
            .AddActivity<FinishAppOperationActivity>();
        return services;
    }
}
