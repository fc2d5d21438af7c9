using Stratus.Infra.Registry.Modules;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary><c>{name:modulename}</c>: a module name (<see cref="ModuleNames"/>); anything else is a plain 404 and never a storage key.</summary>
internal sealed class ModuleNameRouteConstraint : IRouteConstraint
{
    public const string Name = "modulename";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && ModuleNames.NameProblem(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)) is null;
}
