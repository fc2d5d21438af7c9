using Stratus.Api.Infra.Jobs;
using Stratus.Api.Infra.Schedules;
using Stratus.Api.Infra.State;
using Stratus.Api.Infra.Templates;
using Stratus.Api.Infra.Variables;
using Stratus.Api.Infra.Workspaces;

namespace Stratus.Api.Infra;

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
