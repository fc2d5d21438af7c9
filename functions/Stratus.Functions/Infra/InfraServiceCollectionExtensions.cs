using Stratus.Functions.Infra.State;
using Stratus.Functions.Infra.Variables;

namespace Stratus.Functions.Infra;

internal static class InfraServiceCollectionExtensions
{
    /// <summary>Terrakube's side: organizations, workspaces, variables, templates, jobs, state and schedules.</summary>
    public static IServiceCollection AddStratusInfra(this IServiceCollection services, IConfiguration configuration) => services
        .AddStratusState(configuration)
        .AddStratusVariables(configuration);
}
