using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Durable;
using Stratus.Kubernetes;

namespace Stratus.Orchestrations.Apps;

public static class AppOrchestrationsServiceCollectionExtensions
{
    /// <summary>The app pipeline: the operation orchestration and its build, rollout, route and finish activities.</summary>
    /// <remarks>The host registers the stores, an <see cref="Containers.Builders.IBuilderDriver"/>, the runtimes and the routers.</remarks>
    public static IServiceCollection AddStratusAppOrchestrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AppPipelineOptions>().Bind(configuration.GetSection(AppPipelineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RegistryClientFactory>();
        var drivers = configuration.GetSection(PoolDriverOptions.SectionName).Get<PoolDriverOptions>() ?? new PoolDriverOptions();
        services.AddSingleton(drivers);
        services.AddStratusKubernetes(drivers.KubernetesAuth());
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
