using Stratus.Identity;

namespace Stratus.Api.Security;

/// <summary>
/// <c>{user:name}</c>: a route value that could be a user or role name (teams use <see cref="TeamNameRouteConstraint"/>). Anything else matches no endpoint, so it
/// is a plain 404 and never reaches storage as a key.
/// </summary>
internal sealed class IdentityNameRouteConstraint : IRouteConstraint
{
    public const string Name = "name";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && IdentityNames.Problem(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), routeKey) is null;
}
