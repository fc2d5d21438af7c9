using Stratus.Infra;

namespace Stratus.Api.Infra;

/// <summary>
/// <c>{workspace:infraname}</c>: a route value that could name an organization, workspace, template or schedule.
/// Anything else matches no endpoint, so it is a plain 404 and never reaches storage as a key.
/// </summary>
internal sealed class InfraNameRouteConstraint : IRouteConstraint
{
    public const string Name = "infraname";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && InfraNames.Problem(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), routeKey) is null;
}
