using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Stratus.Apps;
using Stratus.Containers;
using Stratus.Containers.Tools;
using Stratus.Api.Apps.Jobs;
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
        services.AddStratusAppsCore();
        services.AddStratusContainers(configuration);
        services.AddSingleton<IScopeParentResolver, AppScopeParentResolver>();

        services.AddSingleton<LocalRouteStore>();
        services.AddSingleton<LocalProxyClient>();
        services.AddHttpForwarder();
        services.AddSingleton<LocalRouter>();
        services.AddSingleton<IAppRouter>(sp => sp.GetRequiredService<LocalRouter>());

        // podman and buildah run with Stratus's own configuration and storage, next to the data folder by default.
        services.AddOptions<ContainerToolsOptions>().PostConfigure<IOptions<StorageOptions>>((tools, storage) =>
        {
            // Without a data folder either, the tools' validation names the missing setting at start.
            if (string.IsNullOrWhiteSpace(tools.Directory) && !string.IsNullOrWhiteSpace(storage.Value.DataPath))
            {
                tools.Directory = Path.Combine(Path.GetFullPath(storage.Value.DataPath), "containers");
            }
        });
        services.AddPodmanRuntime(configuration);

        services.AddStratusAppOrchestrations(configuration);
        services.AddStratusAppJobs(configuration);
        services.AddSingleton<DeploySourceReader>();
        services.AddScoped<AppOperationStarter>();
        return services;
    }
}
