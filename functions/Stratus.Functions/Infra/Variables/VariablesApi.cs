namespace Stratus.Functions.Infra.Variables;

/// <summary>Workspace variables, organization globals and collections.</summary>
internal static class VariablesApi
{
    public static RouteGroupBuilder MapVariablesApi(this RouteGroupBuilder api) => api;
}
