using Microsoft.Extensions.DependencyInjection;

namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// The named <see cref="HttpClient"/> for <c>httpGet</c> readiness probes of local units. Deliberately without a
/// resilience handler: a probe measures whether the unit answers now, within the probe's own timeout, and a retry
/// would hide exactly the failure it is there to see (the rollout already polls).
/// </summary>
internal static class PodmanProbeHttpClient
{
    public const string Name = "Stratus.PodmanProbe";

    public static IServiceCollection AddPodmanProbeHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(Name, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);
        return services;
    }

    internal static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        // A probe of 127.0.0.1 must never go through a proxy from the host's environment.
        UseProxy = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.Zero,
    };
}
