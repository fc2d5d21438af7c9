using Stratus.Identity.Authorization;

namespace Stratus.Api.Security;

/// <summary>
/// The caller needs <see cref="Permission"/> on a scope: global, or of <see cref="ScopeKind"/> named by the route
/// values listed (a workspace is <c>{organization}/{workspace}</c>).
/// </summary>
public sealed record RequiredPermission(string Permission, ScopeKind ScopeKind, IReadOnlyList<string> RouteValues) : EndpointAccess
{
    public Scope Resolve(RouteValueDictionary values)
    {
        if (ScopeKind == ScopeKind.Global)
        {
            return Scope.Global;
        }

        var parts = RouteValues.Select(name => Convert.ToString(values[name], System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return Scope.Of(ScopeKind, string.Join('/', parts));
    }
}
