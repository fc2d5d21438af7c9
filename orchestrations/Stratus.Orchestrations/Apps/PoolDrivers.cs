using Stratus.Apps.Pools;
using Stratus.Kubernetes.Client;
using Stratus.Kubernetes.Routing;
using Stratus.Kubernetes.Runtime;

namespace Stratus.Orchestrations.Apps;

/// <summary>
/// The provisioner and router a pool names. Local drivers (podman, the local router) come from the host; a
/// Kubernetes pool gets a client for its own cluster (<see cref="Pool.Kubernetes"/>), and a <c>tsuru-api</c> or
/// <c>ingress</c> router reads its settings from the pool's router options (<see cref="TsuruRouterSettings"/>;
/// <c>domain</c>, <c>ingressClass</c>).
/// </summary>
public sealed class PoolDrivers(
    IEnumerable<IAppRuntime> localRuntimes,
    IEnumerable<IAppRouter> localRouters,
    IEnumerable<IJobRunner> localJobRunners,
    KubernetesClientFactory kubernetes,
    TimeProvider time,
    IHttpClientFactory httpClients)
{
    public IAppRuntime Runtime(Pool pool) => pool.Provisioner switch
    {
        PoolProvisioners.Kubernetes when pool.Kubernetes is { } cluster => new KubernetesRuntime(kubernetes.Create(cluster.Server), cluster.Namespace, new KubernetesRuntimeOptions(), time),
        _ => localRuntimes.FirstOrDefault(r => r.Name == pool.Provisioner)
            ?? throw new InvalidOperationException($"Pool '{pool.Name}' uses the '{pool.Provisioner}' provisioner, which this host does not run (is podman installed?)."),
    };

    /// <summary>The runner of the pool's jobs, or null when this host runs none for its provisioner.</summary>
    public IJobRunner? JobRunner(Pool pool) => pool.Provisioner switch
    {
        PoolProvisioners.Kubernetes when pool.Kubernetes is { } cluster => new KubernetesJobRunner(kubernetes.Create(cluster.Server), cluster.Namespace, time),
        _ => localJobRunners.FirstOrDefault(r => r.Provisioner == pool.Provisioner),
    };

    public IAppRouter Router(Pool pool) => pool.Router switch
    {
        PoolRouters.TsuruApi => new TsuruRouterApiClient(httpClients.CreateClient(TsuruRouterHttpClient.Name), TsuruRouterSettings.From(pool)),
        PoolRouters.Ingress when pool.Kubernetes is { } cluster => new IngressRouter(kubernetes.Create(cluster.Server), cluster.Namespace, new IngressRouterOptions
        {
            Domain = pool.RouterOptions.GetValueOrDefault("domain") ?? throw new InvalidOperationException($"Pool '{pool.Name}' uses the ingress router but its router options have no 'domain'."),
            IngressClassName = pool.RouterOptions.GetValueOrDefault("ingressClass"),
        }),
        _ => localRouters.FirstOrDefault(r => r.Name == pool.Router)
            ?? throw new InvalidOperationException($"Pool '{pool.Name}' uses the '{pool.Router}' router, which this host does not have."),
    };
}
