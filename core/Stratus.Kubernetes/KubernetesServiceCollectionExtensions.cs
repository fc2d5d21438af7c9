using Microsoft.Extensions.DependencyInjection;
using Stratus.Kubernetes.Client;

namespace Stratus.Kubernetes;

public static class KubernetesServiceCollectionExtensions
{
    /// <summary>
    /// The <see cref="KubernetesClientFactory"/> the Kubernetes pools' runtimes and routers get their clients from. The
    /// settings are checked here, at composition, so a misconfigured host fails at start with what is wrong.
    /// </summary>
    public static IServiceCollection AddStratusKubernetes(this IServiceCollection services, KubernetesAuthOptions auth)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(auth);
        auth.EnsureValid();
        services.AddSingleton(sp => new KubernetesClientFactory(auth, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
