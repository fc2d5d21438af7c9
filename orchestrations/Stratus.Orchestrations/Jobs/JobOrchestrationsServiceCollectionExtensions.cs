using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Stratus.Durable;
using Stratus.Infra.Execution;
using Stratus.Infra.Schedules;
using Stratus.Sandbox;
using Stratus.Sandbox.ContainerApps;

namespace Stratus.Orchestrations.Jobs;

public static class JobOrchestrationsServiceCollectionExtensions
{
    /// <summary>The terraform job pipeline: the per-workspace queue, the job orchestration, its activities and executor.</summary>
    public static IServiceCollection AddStratusJobOrchestrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobExecutionOptions>().Bind(configuration.GetSection(JobExecutionOptions.SectionName)).ValidateOnStart();
        services.AddScoped<JobQueue>();
        services.AddSingleton<ExecutorCredentials>();
        services.AddSingleton<TerraformStepRunner>();
        services.AddStratusStepSandbox(configuration);

        // In Azure (Sandbox:Driver=containerapps) steps run as Container Apps job executions; otherwise this adds nothing.
        services.AddContainerAppsStepSandbox(configuration);
        services.AddHostedService<StepWorkSweeper>();
        services.AddTerraformHttpClient();
        services.TryAddSingleton<ScheduleStore>();
        services.AddStratusDurable(configuration)
            .AddOrchestrator<WorkspaceQueueOrchestrator>()
            .AddOrchestrator<JobOrchestrator>()
            .AddActivity<NextJobActivity>()
            .AddActivity<StartJobActivity>()
            .AddActivity<RunExecutorStepActivity>()
            .AddActivity<SetStatusActivity>()
            .AddActivity<DisableWorkspaceActivity>()
            .AddActivity<ScheduleTemplatesActivity>()
            .AddActivity<FinishJobActivity>();
        return services;
    }
}
