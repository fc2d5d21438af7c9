using Stratus.Api.Infra.Jobs;
using Stratus.Api.Infra.Registry.Modules;
using Stratus.Infra;
using Stratus.Api.Infra.Schedules;
using Stratus.Api.Infra.State;
using Stratus.Api.Infra.Templates;
using Stratus.Api.Infra.Tfe;
using Stratus.Api.Infra.Variables;
using Stratus.Api.Infra.Workspaces;

namespace Stratus.Api.Infra;

internal static class InfraServiceCollectionExtensions
{
    /// <summary>
    /// Terrakube's side: the core stores (<see cref="Stratus.Infra.InfraServiceCollectionExtensions.AddStratusInfraCore"/>),
    /// then what the API adds around them: settings, the state store, the secret key, seeders, the job queue and the schedule timer.
    /// </summary>
    public static IServiceCollection AddStratusInfra(this IServiceCollection services, IConfiguration configuration) => services
        .AddStratusInfraCore()
        .AddStratusWorkspaces(configuration)
        .AddStratusTemplates()
        .AddStratusJobs(configuration)
        .AddStratusSchedules()
        .AddStratusState(configuration)
        .AddStratusVariables(configuration)
        .AddStratusModules(configuration)
        .AddStratusTfe();
}
