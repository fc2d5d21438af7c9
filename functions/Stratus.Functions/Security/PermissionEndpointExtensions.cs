namespace Stratus.Functions.Security;

internal static class PermissionEndpointExtensions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequiredPermission(permission));
}
