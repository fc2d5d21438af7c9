using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Durable;
using Stratus.Kubernetes.Runtime;

namespace Stratus.Orchestrations.AppJobs;

public static class AppJobOrchestrationsServiceCollectionExtensions
{
    /// <summary>App job runs: the trigger, the run orchestration and its activities, and the local (podman) runner.</summary>
    /// <remarks>
    /// The host registers the app stores and the container tools (<c>AddStratusApps</c>) and the pool drivers
    /// (<c>AddStratusAppOrchestrations</c>), which make a Kubernetes pool's runner (<see cref="KubernetesJobRunner"/>) for its own cluster.
    /// </remarks>
    public static IServiceCollection AddStratusAppJobOrchestrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPodmanJobRunner();
        services.AddSingleton<AppJobExecutor>();
        services.AddSingleton<AppJobLogs>();
        // Scoped: it takes the invocation's durable client in the Functions host.
        services.AddScoped<AppJobTrigger>();
        services.AddStratusDurable(configuration)
            .AddOrchestrator<AppJobRunOrchestrator>()
            .AddActivity<RunAppJobActivity>()
            .AddActivity<FinishAppJobRunActivity>();
        return services;
    }
}
