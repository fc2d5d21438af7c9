using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using k8s;

namespace Stratus.Kubernetes.Client;

/// <summary>
/// Clients for the pools' API servers, one per server URL (each owns a connection pool, so they are kept, not made per
/// call), all authenticated as <see cref="KubernetesAuthOptions"/> says. Every client traces its calls and retries reads.
/// </summary>
public sealed class KubernetesClientFactory : IDisposable
{
    private readonly KubernetesAuthOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<KubernetesClientConfiguration>? _inCluster;
    private readonly Lazy<EntraTokenProvider>? _entra;
    private readonly ConcurrentDictionary<string, Lazy<k8s.Kubernetes>> _clients = new(StringComparer.Ordinal);

    /// <param name="credential">The Entra credential for <see cref="KubernetesAuthMode.Entra"/>; null uses <see cref="DefaultAzureCredential"/>.</param>
    /// <param name="inCluster">Reads the pod's service account; null uses the client's <c>InClusterConfig()</c>.</param>
    public KubernetesClientFactory(KubernetesAuthOptions options, TimeProvider time, TokenCredential? credential = null, Func<KubernetesClientConfiguration>? inCluster = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
        _inCluster = inCluster;
        if (options.Mode == KubernetesAuthMode.Entra)
        {
            _entra = new Lazy<EntraTokenProvider>(() => new EntraTokenProvider(credential ?? new DefaultAzureCredential(), options.EntraScope, time));
        }
    }

    public KubernetesAuthMode Mode => _options.Mode;

    /// <summary>The client for <paramref name="server"/> (a pool's URL); empty takes the server from the kubeconfig or the pod's environment.</summary>
    public IKubernetes Create(string? server)
    {
        var key = server?.Trim() ?? "";
        return _clients.GetOrAdd(key, k => new Lazy<k8s.Kubernetes>(() => Build(k))).Value;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        if (_entra is { IsValueCreated: true })
        {
            _entra.Value.Dispose();
        }
    }

    private k8s.Kubernetes Build(string server)
    {
        var config = Configuration(server);
        return new k8s.Kubernetes(config, new KubernetesTracingHandler(), new KubernetesRetryHandler(_time));
    }

    private KubernetesClientConfiguration Configuration(string server)
    {
        var master = string.IsNullOrEmpty(server) ? null : server;
        switch (_options.Mode)
        {
            case KubernetesAuthMode.Kubeconfig:
                // The pool's URL, when it names one, wins over the context's cluster (same cluster reached another way).
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(_options.Kubeconfig, _options.Context, master);
            case KubernetesAuthMode.InCluster:
                var inCluster = _inCluster?.Invoke() ?? KubernetesClientConfiguration.InClusterConfig();
                if (master is not null)
                {
                    inCluster.Host = master;
                }

                return inCluster;
            case KubernetesAuthMode.Entra:
                return WithCa(new KubernetesClientConfiguration { Host = Required(master), TokenProvider = _entra!.Value });
            default:
                return WithCa(new KubernetesClientConfiguration { Host = Required(master), AccessToken = string.IsNullOrEmpty(_options.Token) ? null : _options.Token });
        }
    }

    private KubernetesClientConfiguration WithCa(KubernetesClientConfiguration config)
    {
        if (!string.IsNullOrEmpty(_options.CertificateAuthority))
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(_options.CertificateAuthority);
            config.SslCaCerts = certificates;
        }

        return config;
    }

    private string Required(string? server) =>
        server ?? throw new InvalidOperationException($"A Kubernetes pool in {_options.Mode} auth mode needs a server URL.");
}
