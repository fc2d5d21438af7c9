using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Stratus.Apps.Apps;
using Stratus.Apps.Deploys;
using Stratus.Apps.Events;
using Stratus.Apps.Locks;
using Stratus.Apps.Plans;
using Stratus.Apps.Platforms;
using Stratus.Apps.Pools;
using Stratus.Apps.Versions;
using Stratus.Containers.Builders;
using Stratus.Containers.Tools;
using Stratus.Api.Apps.Operations;
using Stratus.Api.Apps.Routing;
using Stratus.Identity.Authorization;
using Stratus.Kubernetes.Routing;
using Stratus.Kubernetes.Runtime;
using Stratus.Orchestrations.Apps;
using Stratus.Storage;

namespace Stratus.Api.Apps;

internal static class AppsServiceCollectionExtensions
{
    /// <summary>Tsuru's side: the stores, the local runtime (podman) and builder (buildah), the routers, the deploy pipeline and the local proxy.</summary>
    public static IServiceCollection AddStratusApps(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RouteOptions>(options => options.SetParameterPolicy<AppNameRouteConstraint>(AppNameRouteConstraint.Name));
        services.Configure<FormOptions>(options => options.MultipartBodyLengthLimit = AppPipelineOptions.DefaultMaxArchiveBytes);
        services.AddSingleton<PoolStore>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<PlatformStore>();
        services.AddSingleton<AppStore>();
        services.AddSingleton<AppVersionStore>();
        services.AddSingleton<AppEventStore>();
        services.AddSingleton<AppLockStore>();
        services.AddSingleton<DeployStore>();
        services.AddSingleton<IScopeParentResolver, AppScopeParentResolver>();

        services.AddSingleton<LocalRouteStore>();
        services.AddSingleton<LocalProxyClient>();
        services.AddHttpForwarder();
        services.AddSingleton<LocalRouter>();
        services.AddSingleton<IAppRouter>(sp => sp.GetRequiredService<LocalRouter>());

        // podman and buildah run with Stratus's own configuration and storage, next to the data folder by default.
        services.AddSingleton(sp =>
        {
            var tools = configuration.GetSection(ContainerToolsOptions.SectionName).Get<ContainerToolsOptions>() ?? new ContainerToolsOptions();
            if (string.IsNullOrWhiteSpace(tools.Directory))
            {
                tools.Directory = Path.Combine(Path.GetFullPath(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataPath), "containers");
            }

            return ContainerToolsEnvironment.Create(tools);
        });
        services.AddSingleton(configuration.GetSection(PodmanRuntimeOptions.SectionName).Get<PodmanRuntimeOptions>() ?? new PodmanRuntimeOptions());
        services.AddSingleton<IAppRuntime, PodmanRuntime>();
        services.AddSingleton<IBuilderDriver>(sp => new BuildahBuilderDriver(sp.GetRequiredService<ContainerToolsEnvironment>()));

        services.AddStratusAppOrchestrations(configuration);
        services.AddSingleton<DeploySourceReader>();
        services.AddScoped<AppOperationStarter>();
        return services;
    }
}
