using Stratus.Functions.Infra.Jobs;
using Stratus.Functions.Infra.Organizations;
using Stratus.Functions.Infra.Schedules;
using Stratus.Functions.Infra.State;
using Stratus.Functions.Infra.Templates;
using Stratus.Functions.Infra.Variables;
using Stratus.Functions.Infra.Workspaces;

namespace Stratus.Functions.Infra;

internal static class InfraEndpointRouteBuilderExtensions
{
    public static RouteGroupBuilder MapInfraApi(this RouteGroupBuilder api) => api
        .MapOrganizationsApi()
        .MapWorkspacesApi()
        .MapTemplatesApi()
        .MapJobsApi()
        .MapSchedulesApi()
        .MapStateApi()
        .MapVariablesApi();
}
