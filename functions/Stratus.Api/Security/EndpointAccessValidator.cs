using Stratus.Identity.Authorization;

namespace Stratus.Api.Security;

/// <summary>
/// Run at startup over every endpoint: each must declare its access, name a known permission, and name route values
/// that its pattern has. A mistake stops the app with the list of offenders instead of shipping an open endpoint.
/// </summary>
internal static class EndpointAccessValidator
{
    public static IReadOnlyList<string> FindProblems(IEnumerable<EndpointDataSource> sources)
    {
        var problems = new List<string>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var name = $"{endpoint.DisplayName} ({endpoint.RoutePattern.RawText})";
            switch (endpoint.Metadata.GetMetadata<EndpointAccess>())
            {
                case null:
                    problems.Add($"{name} declares no access: add .RequirePermission(...), .RequireAuthenticatedCaller() or .AllowPublicAccess(reason).");
                    break;
                case RequiredPermission required when !PermissionCatalog.Contains(required.Permission):
                    problems.Add($"{name} requires unknown permission '{required.Permission}': add it to PermissionCatalog.");
                    break;
                case RequiredPermission required when required.ScopeKind != ScopeKind.Global && required.RouteValues.Count == 0:
                    problems.Add($"{name} has a {required.ScopeKind} scope but names no route value to take it from.");
                    break;
                case RequiredPermission required when required.RouteValues.FirstOrDefault(v => endpoint.RoutePattern.GetParameter(v) is null) is { } missing:
                    problems.Add($"{name} takes its scope from route value '{missing}', which its pattern does not have.");
                    break;
                case RequiredPermission required when PermissionCatalog.Find(required.Permission) is { } info && !info.Scopes.Contains(required.ScopeKind):
                    problems.Add($"{name} checks '{required.Permission}' on a {required.ScopeKind} scope, which that permission cannot be granted on.");
                    break;
            }
        }

        return problems;
    }

    /// <summary>Throws if any endpoint is undeclared or misdeclared. Call after every endpoint is mapped.</summary>
    public static void EnsureDeclared(IEndpointRouteBuilder endpoints)
    {
        var problems = FindProblems(endpoints.DataSources);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Endpoints without a valid access declaration:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
    }
}
