using Stratus.Infra.Registry.Modules;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary><c>{system:modulesystem}</c>: a module's target system (<see cref="ModuleNames"/>); anything else is a plain 404.</summary>
internal sealed class ModuleSystemRouteConstraint : IRouteConstraint
{
    public const string Name = "modulesystem";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && ModuleNames.SystemProblem(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)) is null;
}
