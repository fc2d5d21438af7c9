using Stratus.Api.Triggers;
using Stratus.Identity.Authorization;
using Stratus.Orchestrations.AppJobs;

namespace Stratus.Api.Apps.Jobs;

internal static class AppJobsServiceCollectionExtensions
{
    /// <summary>Tsuru's jobs: the job scope's parents (team, pool), the run orchestration and runner, and the schedule timer.</summary>
    public static IServiceCollection AddStratusAppJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IScopeParentResolver, JobScopeParentResolver>();
        services.AddStratusAppJobOrchestrations(configuration);
        return services.AddTimerFunction<AppJobTimerFunction>(AppJobTimerFunction.Name, AppJobTimerFunction.Schedule);
    }
}
