using k8s;
using k8s.Models;
using Stratus.Kubernetes.Client;
using Stratus.Kubernetes.Manifests;

namespace Stratus.Kubernetes.Routing;

/// <summary>
/// Routes with a Kubernetes Ingress named after the app: <c>&lt;app&gt;.&lt;domain&gt;</c> and every cname go to the <c>""</c>
/// prefix's service (the web process); any other prefix <c>p</c> is served at <c>&lt;p&gt;.&lt;app&gt;.&lt;domain&gt;</c>
/// (<c>worker.process.myapp.example.com</c>, <c>v3.version.myapp.example.com</c>).
/// </summary>
public sealed class IngressRouter : IAppRouter
{
    private readonly KubernetesResources _api;
    private readonly IngressRouterOptions _options;

    /// <param name="ns">The namespace an Ingress goes to when its route names none.</param>
    public IngressRouter(IKubernetes client, string ns, IngressRouterOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _api = new KubernetesResources(client, ns);
        _options = options;
    }

    public string Name => "ingress";

    public Task EnsureBackendAsync(RouteSpec route, CancellationToken cancellationToken) =>
        _api.ApplyAsync(BuildIngress(route, _options, _api.Namespace), cancellationToken);

    public Task RemoveBackendAsync(string app, CancellationToken cancellationToken) =>
        _api.DeleteIngressAsync(app, cancellationToken);

    public static V1Ingress BuildIngress(RouteSpec route, IngressRouterOptions options, string defaultNamespace)
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
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = new V1ObjectMeta
            {
                Name = route.App,
                NamespaceProperty = string.IsNullOrEmpty(ns) ? defaultNamespace : ns,
                Labels = new Dictionary<string, string>
                {
                    [ManifestLabels.AppName] = route.App,
                    [ManifestLabels.AppTeam] = route.Team,
                    [ManifestLabels.ManagedBy] = ManifestLabels.ManagedByValue,
                },
            },
            Spec = new V1IngressSpec
            {
                IngressClassName = string.IsNullOrEmpty(options.IngressClassName) ? null : options.IngressClassName,
                Rules = distinct.Select(r => new V1IngressRule
                {
                    Host = r.Host,
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = "/",
                                PathType = "Prefix",
                                Backend = new V1IngressBackend
                                {
                                    Service = new V1IngressServiceBackend
                                    {
                                        Name = r.Target.Service,
                                        Port = new V1ServiceBackendPort { Number = r.Target.ServicePort },
                                    },
                                },
                            },
                        ],
                    },
                }).ToList(),
            },
        };
    }
}
