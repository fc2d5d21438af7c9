using Stratus.Identity;

namespace Stratus.Api.Security;

/// <summary>
/// <c>{team:teamname}</c>: a route value that could be a team name, in either case (Terrakube's <c>TERRAFORM_CLI</c>).
/// Anything else matches no endpoint, so it is a plain 404 and never reaches storage as a key.
/// </summary>
internal sealed class TeamNameRouteConstraint : IRouteConstraint
{
    public const string Name = "teamname";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && TeamNames.Problem(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), routeKey) is null;
}
