using Stratus.Identity.Authorization;

namespace Stratus.Api.Security;

internal static class EndpointAccessExtensions
{
    /// <summary>Requires a permission on the global scope.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequiredPermission(permission, ScopeKind.Global, []));

    /// <summary>Requires a permission on the resource the route names, e.g. <c>(AppDeploy, ScopeKind.App, "app")</c>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission, ScopeKind scope, params string[] routeValues)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequiredPermission(permission, scope, routeValues));

    public static TBuilder RequireAuthenticatedCaller<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new AuthenticatedAccess());

    public static TBuilder AllowPublicAccess<TBuilder>(this TBuilder builder, string reason)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new PublicAccess(reason));
}
