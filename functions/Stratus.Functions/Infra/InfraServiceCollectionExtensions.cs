using Stratus.Functions.Infra.Jobs;
using Stratus.Functions.Infra.Schedules;
using Stratus.Functions.Infra.State;
using Stratus.Functions.Infra.Templates;
using Stratus.Functions.Infra.Variables;
using Stratus.Functions.Infra.Workspaces;

namespace Stratus.Functions.Infra;

internal static class InfraServiceCollectionExtensions
{
    /// <summary>Terrakube's side: organizations, workspaces, variables, templates, jobs, state and schedules.</summary>
    public static IServiceCollection AddStratusInfra(this IServiceCollection services, IConfiguration configuration) => services
        .AddStratusWorkspaces(configuration)
        .AddStratusTemplates()
        .AddStratusJobs(configuration)
        .AddStratusSchedules()
        .AddStratusState(configuration)
        .AddStratusVariables(configuration);
}
