using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Stratus.Containers.Tools;

namespace Stratus.Kubernetes.Runtime;

public static class JobRunnerServiceCollectionExtensions
{
    /// <summary>The local job runner (podman). Needs a <see cref="ContainerToolsEnvironment"/> (<c>AddStratusContainers</c>).</summary>
    public static IServiceCollection AddPodmanJobRunner(this IServiceCollection services)
    {
        services.TryAddSingleton<IJobRunner>(sp => new PodmanJobRunner(sp.GetRequiredService<ContainerToolsEnvironment>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
