using System.Text.Json.Nodes;
using Stratus.Kubernetes.Api;
using Stratus.Kubernetes.Manifests;

namespace Stratus.Kubernetes.Routing;

/// <summary>
/// Routes with a Kubernetes Ingress named after the app: <c>&lt;app&gt;.&lt;domain&gt;</c> and every cname go to the <c>""</c>
/// prefix's service (the web process); any other prefix <c>p</c> is served at <c>&lt;p&gt;.&lt;app&gt;.&lt;domain&gt;</c>
/// (<c>worker.process.myapp.example.com</c>, <c>v3.version.myapp.example.com</c>).
/// </summary>
public sealed class IngressRouter : IAppRouter
{
    private readonly KubernetesApiClient _api;
    private readonly IngressRouterOptions _options;

    public IngressRouter(KubernetesApiClient api, IngressRouterOptions options)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _options = options;
    }

    public string Name => "ingress";

    public Task EnsureBackendAsync(RouteSpec route, CancellationToken cancellationToken) =>
        _api.ApplyAsync(BuildIngress(route, _options, _api.Namespace), cancellationToken);

    public Task RemoveBackendAsync(string app, CancellationToken cancellationToken) =>
        _api.DeleteAsync(KubernetesKind.Ingress, app, cancellationToken);

    public static JsonObject BuildIngress(RouteSpec route, IngressRouterOptions options, string defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(options);
        var domain = options.Domain.Trim('.');
        var root = route.Prefixes.FirstOrDefault(p => p.Prefix.Length == 0);

        var rules = new List<(string Host, RoutePrefix Target)>();
        if (root is not null)
        {
            rules.Add(($"{route.App}.{domain}", root));
        }

        rules.AddRange(route.Prefixes.Where(p => p.Prefix.Length > 0).Select(p => ($"{p.Prefix}.{route.App}.{domain}", p)));
        if (root is not null)
        {
            rules.AddRange(route.Cnames.Select(c => (c, root)));
        }

        // Kubernetes refuses an Ingress naming one host twice; the first rule for a host wins.
        var distinct = rules.DistinctBy(r => r.Host, StringComparer.OrdinalIgnoreCase).ToList();
        var ns = root?.Namespace ?? route.Prefixes.FirstOrDefault()?.Namespace;
        var metadata = new JsonObject
        {
            ["name"] = route.App,
            ["namespace"] = string.IsNullOrEmpty(ns) ? defaultNamespace : ns,
            ["labels"] = new JsonObject
            {
                [ManifestLabels.AppName] = route.App,
                [ManifestLabels.AppTeam] = route.Team,
                [ManifestLabels.ManagedBy] = ManifestLabels.ManagedByValue,
            },
        };

        var spec = new JsonObject();
        if (!string.IsNullOrEmpty(options.IngressClassName))
        {
            spec["ingressClassName"] = options.IngressClassName;
        }

        spec["rules"] = new JsonArray(distinct.Select(r => (JsonNode?)new JsonObject
        {
            ["host"] = r.Host,
            ["http"] = new JsonObject
            {
                ["paths"] = new JsonArray(new JsonObject
                {
                    ["path"] = "/",
                    ["pathType"] = "Prefix",
                    ["backend"] = new JsonObject
                    {
                        ["service"] = new JsonObject
                        {
                            ["name"] = r.Target.Service,
                            ["port"] = new JsonObject { ["number"] = r.Target.ServicePort },
                        },
                    },
                }),
            },
        }).ToArray());

        return new JsonObject
        {
            ["apiVersion"] = "networking.k8s.io/v1",
            ["kind"] = "Ingress",
            ["metadata"] = metadata,
            ["spec"] = spec,
        };
    }
}
