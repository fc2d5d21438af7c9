using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Stratus.Containers.Registry;

/// <summary>The named <see cref="HttpClient"/> registry calls go through, with the resilience registry traffic can take.</summary>
public static class RegistryHttpClient
{
    public const string Name = "Stratus.Registry";

    /// <summary>
    /// A single blob PUT carries a whole layer (up to 512 MiB, <see cref="RegistryClient.MaxMonolithicBytes"/>) or a PATCH a chunk (16 MB) and a layer GET may be large, so one attempt
    /// gets minutes, not the standard 10 s. Only safe methods (GET, HEAD) are retried: a blob upload is a session on the
    /// registry whose offset moves with each PATCH, so resending a chunk or the closing PUT after a lost answer could
    /// corrupt or double-commit it; the client cancels the session and the deploy fails (and can be retried whole).
    /// </summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan TotalTimeout = TimeSpan.FromMinutes(20);

    public static IServiceCollection AddRegistryHttpClient(this IServiceCollection services)
    {
        // A second AddStandardResilienceHandler on the same name would nest two pipelines (retries of retries).
        if (services.Any(d => d.ServiceType == typeof(Registered)))
        {
            return services;
        }

        services.AddSingleton<Registered>();
        services.AddHttpClient(Name, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Registries are reached directly; a loopback registry must never go through the environment's proxy.
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddStandardResilienceHandler(options =>
            {
                options.Retry.DisableForUnsafeHttpMethods();
                options.AttemptTimeout.Timeout = AttemptTimeout;
                options.TotalRequestTimeout.Timeout = TotalTimeout;
                options.CircuitBreaker.SamplingDuration = AttemptTimeout * 2;
            })
            // One registry that fails must not open the circuit for the others a host pushes to.
            .SelectPipelineByAuthority();
        return services;
    }

    private sealed class Registered;
}
