using System.Text;
using k8s;
using k8s.Models;
using Stratus.Kubernetes.Client;
using Stratus.Kubernetes.Manifests;

namespace Stratus.Kubernetes.Routing;

/// <summary>
/// Routes with a Kubernetes Ingress named after the app: <c>&lt;app&gt;.&lt;domain&gt;</c> and every cname go to the <c>""</c>
/// prefix's service (the web process); any other prefix <c>p</c> is served at <c>&lt;p&gt;.&lt;app&gt;.&lt;domain&gt;</c>
/// (<c>worker.process.myapp.example.com</c>, <c>v3.version.myapp.example.com</c>). A cname with a certificate gets a
/// TLS entry and a <c>kubernetes.io/tls</c> Secret; a cname with a cert-manager issuer gets an Ingress of its own
/// annotated <c>cert-manager.io/cluster-issuer</c> (as kubernetes-router does), so cert-manager never takes over the
/// Secrets of certificates given by hand.
/// </summary>
public sealed class IngressRouter : IAppRouter
{
    /// <summary>Marks what this router made for an app, so what the route no longer names can be found and removed.</summary>
    public const string RouterLabel = "stratus.io/router";
    public const string ClusterIssuerAnnotation = "cert-manager.io/cluster-issuer";
    public const string CommonNameAnnotation = "cert-manager.io/common-name";

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

    public async Task EnsureBackendAsync(RouteSpec route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        var secrets = BuildTlsSecrets(route, _api.Namespace);
        foreach (var secret in secrets)
        {
            await _api.ApplyAsync(secret, cancellationToken);
        }

        var ingresses = new List<V1Ingress> { BuildIngress(route, _options, _api.Namespace) };
        ingresses.AddRange(BuildIssuerIngresses(route, _options, _api.Namespace));
        foreach (var ingress in ingresses)
        {
            await _api.ApplyAsync(ingress, cancellationToken);
        }

        // What an earlier route made and this one no longer names: an unset certificate, a removed cname.
        var selector = Selector(route.App);
        var keepIngresses = ingresses.Select(i => i.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in (await _api.ListIngressesAsync(selector, cancellationToken)).Where(i => !keepIngresses.Contains(i.Metadata.Name)))
        {
            await _api.DeleteIngressAsync(stale.Metadata.Name, cancellationToken);
        }

        var keepSecrets = secrets.Select(s => s.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in (await _api.ListSecretsAsync(selector, cancellationToken)).Where(s => !keepSecrets.Contains(s.Metadata.Name)))
        {
            await _api.DeleteSecretAsync(stale.Metadata.Name, cancellationToken);
        }
    }

    public async Task RemoveBackendAsync(string app, CancellationToken cancellationToken)
    {
        await _api.DeleteIngressAsync(app, cancellationToken);
        foreach (var ingress in await _api.ListIngressesAsync(Selector(app), cancellationToken))
        {
            await _api.DeleteIngressAsync(ingress.Metadata.Name, cancellationToken);
        }

        foreach (var secret in await _api.ListSecretsAsync(Selector(app), cancellationToken))
        {
            await _api.DeleteSecretAsync(secret.Metadata.Name, cancellationToken);
        }
    }

    /// <summary>The app's host under the router's domain; an ingress controller's load balancer address is the cluster's, not the app's.</summary>
    public Task<IReadOnlyList<string>> GetAddressesAsync(string app, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([$"{app}.{_options.Domain.Trim('.')}"]);

    public static V1Ingress BuildIngress(RouteSpec route, IngressRouterOptions options, string defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(options);
        var domain = options.Domain.Trim('.');
        var root = Root(route);

        var rules = new List<(string Host, RoutePrefix Target)>();
        if (root is not null)
        {
            rules.Add(($"{route.App}.{domain}", root));
        }

        rules.AddRange(route.Prefixes.Where(p => p.Prefix.Length > 0).Select(p => ($"{p.Prefix}.{route.App}.{domain}", p)));
        if (root is not null)
        {
            // A cname with an issuer is served by its own Ingress (BuildIssuerIngresses).
            rules.AddRange(route.Cnames.Where(c => !route.CertIssuers.ContainsKey(c)).Select(c => (c, root)));
        }

        // Kubernetes refuses an Ingress naming one host twice; the first rule for a host wins.
        var distinct = rules.DistinctBy(r => r.Host, StringComparer.OrdinalIgnoreCase).ToList();
        var tls = route.Cnames.Where(route.Certificates.ContainsKey)
            .Select(c => new V1IngressTLS { Hosts = [c], SecretName = IngressNames.TlsSecret(route.App, c) })
            .ToList();
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = Metadata(route, route.App, NamespaceOf(route, defaultNamespace)),
            Spec = new V1IngressSpec
            {
                IngressClassName = string.IsNullOrEmpty(options.IngressClassName) ? null : options.IngressClassName,
                Tls = tls.Count == 0 ? null : tls,
                Rules = distinct.Select(r => Rule(r.Host, r.Target)).ToList(),
            },
        };
    }

    /// <summary>One Ingress per cname with a cert-manager issuer: its host, TLS into a Secret cert-manager fills, and the issuer's annotations.</summary>
    public static IReadOnlyList<V1Ingress> BuildIssuerIngresses(RouteSpec route, IngressRouterOptions options, string defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(options);
        if (Root(route) is not { } root)
        {
            return [];
        }

        return route.Cnames.Where(route.CertIssuers.ContainsKey).Select(cname =>
        {
            var metadata = Metadata(route, IngressNames.CnameIngress(route.App, cname), NamespaceOf(route, defaultNamespace));
            metadata.Annotations = new Dictionary<string, string>
            {
                [ClusterIssuerAnnotation] = route.CertIssuers[cname],
                [CommonNameAnnotation] = cname,
            };
            return new V1Ingress
            {
                ApiVersion = "networking.k8s.io/v1",
                Kind = "Ingress",
                Metadata = metadata,
                Spec = new V1IngressSpec
                {
                    IngressClassName = string.IsNullOrEmpty(options.IngressClassName) ? null : options.IngressClassName,
                    Tls = [new V1IngressTLS { Hosts = [cname], SecretName = IngressNames.TlsSecret(route.App, cname) }],
                    Rules = [Rule(cname, root)],
                },
            };
        }).ToList();
    }

    /// <summary>A <c>kubernetes.io/tls</c> Secret per cname the route has a certificate for.</summary>
    public static IReadOnlyList<V1Secret> BuildTlsSecrets(RouteSpec route, string defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route.Cnames.Where(route.Certificates.ContainsKey).Select(cname => new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = "kubernetes.io/tls",
            Metadata = Metadata(route, IngressNames.TlsSecret(route.App, cname), NamespaceOf(route, defaultNamespace)),
            Data = new Dictionary<string, byte[]>
            {
                ["tls.crt"] = Encoding.UTF8.GetBytes(route.Certificates[cname].Certificate),
                ["tls.key"] = Encoding.UTF8.GetBytes(route.Certificates[cname].Key),
            },
        }).ToList();
    }

    private static RoutePrefix? Root(RouteSpec route) => route.Prefixes.FirstOrDefault(p => p.Prefix.Length == 0);

    private static string NamespaceOf(RouteSpec route, string defaultNamespace)
    {
        var ns = Root(route)?.Namespace ?? route.Prefixes.FirstOrDefault()?.Namespace;
        return string.IsNullOrEmpty(ns) ? defaultNamespace : ns;
    }

    private static string Selector(string app) => $"{ManifestLabels.AppName}={app},{RouterLabel}=ingress";

    private static V1ObjectMeta Metadata(RouteSpec route, string name, string ns) => new()
    {
        Name = name,
        NamespaceProperty = ns,
        Labels = new Dictionary<string, string>
        {
            [ManifestLabels.AppName] = route.App,
            [ManifestLabels.AppTeam] = route.Team,
            [ManifestLabels.ManagedBy] = ManifestLabels.ManagedByValue,
            [RouterLabel] = "ingress",
        },
    };

    private static V1IngressRule Rule(string host, RoutePrefix target) => new()
    {
        Host = host,
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
                            Name = target.Service,
                            Port = new V1ServiceBackendPort { Number = target.ServicePort },
                        },
                    },
                },
            ],
        },
    };
}
