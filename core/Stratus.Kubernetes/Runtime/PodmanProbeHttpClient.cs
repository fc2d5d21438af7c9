using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;

namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// The named <see cref="HttpClient"/> for <c>httpGet</c> readiness and startup probes of local units. Deliberately without a
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
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = AcceptUnitCertificate },
    };

    // An https healthcheck asks whether the unit answers, not whether its certificate is trusted: units serve
    // self-signed certificates for 127.0.0.1, and the kubelet does not verify a probe's certificate either. This client
    // only ever connects to a local unit's port (see PodmanProbe), never to anything else.
#pragma warning disable CA5359 // Do not disable certificate validation: a readiness probe of a local unit, as the kubelet's.
    private static bool AcceptUnitCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;
#pragma warning restore CA5359
}
