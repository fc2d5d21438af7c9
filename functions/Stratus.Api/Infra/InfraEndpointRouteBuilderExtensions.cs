using Stratus.Api.Infra.Jobs;
using Stratus.Api.Infra.Organizations;
using Stratus.Api.Infra.Registry.Modules;
using Stratus.Api.Infra.Registry.Providers;
using Stratus.Api.Infra.Schedules;
using Stratus.Api.Infra.State;
using Stratus.Api.Infra.Templates;
using Stratus.Api.Infra.Variables;
using Stratus.Api.Infra.Workspaces;

namespace Stratus.Api.Infra;

internal static class InfraEndpointRouteBuilderExtensions
{
    public static RouteGroupBuilder MapInfraApi(this RouteGroupBuilder api) => api
        .MapOrganizationsApi()
        .MapWorkspacesApi()
        .MapTemplatesApi()
        .MapJobsApi()
        .MapSchedulesApi()
        .MapStateApi()
        .MapVariablesApi()
        .MapModulesApi()
        .MapProvidersApi();
}
