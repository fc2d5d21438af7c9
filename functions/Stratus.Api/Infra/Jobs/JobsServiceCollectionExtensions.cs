using Stratus.Api.Infra.Workspaces;
using Stratus.Infra.Workspaces;
using Stratus.Orchestrations.Jobs;

namespace Stratus.Api.Infra.Jobs;

internal static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddStratusJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<JobFactory>();
        services.AddSingleton<IJobVariableSource, ResolvedVariablesJobSource>();
        services.AddScoped<IWorkspaceUnlockListener, QueueResumingUnlockListener>();
        services.AddStratusJobOrchestrations(configuration);
        services.PostConfigure<JobExecutionOptions>(options =>
        {
            // Terraform calls the state API back; standalone, that is where this process listens.
            if (configuration["Stratus:Infra:Jobs:ApiUrl"] is null && configuration["Stratus:Url"] is { } url)
            {
                options.ApiUrl = url;
            }

            // One switch for file:// repositories, whether a workspace's source or a template's importComands.
            options.AllowFileGitSources |= configuration.GetValue<bool>("Stratus:Infra:AllowFileGitSources");
        });
        return services;
    }
}
