using Stratus.Functions.Infra.State;
using Stratus.Functions.Infra.Variables;

namespace Stratus.Functions.Infra;

internal static class InfraEndpointRouteBuilderExtensions
{
    public static RouteGroupBuilder MapInfraApi(this RouteGroupBuilder api) => api
        .MapStateApi()
        .MapVariablesApi();
}
