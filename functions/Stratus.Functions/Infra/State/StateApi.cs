namespace Stratus.Functions.Infra.State;

/// <summary>Terraform's http state backend per workspace, state history and rollback.</summary>
internal static class StateApi
{
    public static RouteGroupBuilder MapStateApi(this RouteGroupBuilder api) => api;
}
