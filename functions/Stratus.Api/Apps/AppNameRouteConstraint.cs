using Stratus.Apps.Names;

namespace Stratus.Api.Apps;

/// <summary>
/// <c>{app:appname}</c>: a route value that could name an app, pool, plan, platform or process. Anything else matches
/// no endpoint, so it is a plain 404 and never reaches storage as a key.
/// </summary>
internal sealed class AppNameRouteConstraint : IRouteConstraint
{
    public const string Name = "appname";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && AppNames.AppProblem(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)) is null;
}
