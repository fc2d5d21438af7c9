using Microsoft.Extensions.DependencyInjection;
using Stratus.Kubernetes.Client;

namespace Stratus.Kubernetes;

public static class KubernetesServiceCollectionExtensions
{
    /// <summary>
    /// The <see cref="KubernetesClientFactory"/> the Kubernetes pools' runtimes and routers get their clients from, with
    /// the auth settings <paramref name="auth"/> reads from the host's options. The host validates those options at start
    /// (with <see cref="KubernetesAuthOptions.Validate"/>), so a misconfigured host stops with every problem listed.
    /// </summary>
    public static IServiceCollection AddStratusKubernetes(this IServiceCollection services, Func<IServiceProvider, KubernetesAuthOptions> auth)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(auth);
        services.AddSingleton(sp => new KubernetesClientFactory(auth(sp), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
