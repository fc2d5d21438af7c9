namespace Stratus.Api.Infra;

/// <summary>Route templates the infra areas share, so every area names organizations and workspaces the same way.</summary>
internal static class InfraRoutes
{
    public const string Organization = "/organizations/{organization:" + InfraNameRouteConstraint.Name + "}";
    public const string Workspace = Organization + "/workspaces/{workspace:" + InfraNameRouteConstraint.Name + "}";
}
