using Stratus.Kubernetes.Routing;

namespace Stratus.Api.Apps.Routing;

/// <summary>
/// The built-in router for the local runtime: each of Tsuru's prefixes becomes a host name under <c>.localhost</c>
/// (<c>myapp.localhost</c>, <c>web.process.myapp.localhost</c>, <c>v3.version.myapp.localhost</c>, and per port
/// <c>admin.port.api.process.myapp.localhost</c>), and each cname routes like the app's root.
/// <see cref="LocalAppProxyMiddleware"/> serves them. It serves plain HTTP on the API's port, so a route's certificates
/// and cert-manager issuers are not used here: they stay stored and listed (<c>GET /apps/{app}/certificate</c>) and
/// take effect when the app's pool routes through <c>tsuru-api</c> or <c>ingress</c>.
/// </summary>
internal sealed class LocalRouter(LocalRouteStore routes) : IAppRouter
{
    public const string RouterName = "local";

    public string Name => RouterName;

    public Task EnsureBackendAsync(RouteSpec route, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, LocalRoute>(StringComparer.Ordinal);
        foreach (var prefix in route.Prefixes)
        {
            var name = prefix.Prefix.Length == 0 ? route.App : $"{prefix.Prefix}.{route.App}";
            names[name.ToLowerInvariant()] = new LocalRoute(route.App, prefix.Prefix, prefix.Addresses);
        }

        if (route.Prefixes.FirstOrDefault(p => p.Prefix.Length == 0) is { } root)
        {
            foreach (var cname in route.Cnames)
            {
                names[cname.ToLowerInvariant()] = new LocalRoute(route.App, "", root.Addresses);
            }
        }

        return routes.ReplaceAsync(route.App, names, cancellationToken);
    }

    public Task RemoveBackendAsync(string app, CancellationToken cancellationToken) => routes.RemoveAsync(app, cancellationToken);
}
