using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Stratus.Orchestrations.Apps;

/// <summary>The named <see cref="HttpClient"/> for a pool's <c>tsuru-api</c> router (Tsuru's router API).</summary>
public static class TsuruRouterHttpClient
{
    public const string Name = "Stratus.TsuruRouter";

    /// <summary>
    /// GET, PUT (the whole backend, a certificate) and DELETE are idempotent with a small buffered body, so they are
    /// retried on transient failures; POST is not (a swap done twice is undone), so it is tried once. The total keeps
    /// the two minutes the router client had before.
    /// </summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan TotalTimeout = TimeSpan.FromMinutes(2);

    public static IServiceCollection AddTsuruRouterHttpClient(this IServiceCollection services)
    {
        // A second AddStandardResilienceHandler on the same name would nest two pipelines (retries of retries).
        if (services.Any(d => d.ServiceType == typeof(Registered)))
        {
            return services;
        }

        services.AddSingleton<Registered>();
        services.AddHttpClient(Name, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddStandardResilienceHandler(options =>
            {
                options.Retry.DisableFor(HttpMethod.Post);
                options.AttemptTimeout.Timeout = AttemptTimeout;
                options.TotalRequestTimeout.Timeout = TotalTimeout;
                options.CircuitBreaker.SamplingDuration = AttemptTimeout * 2;
            })
            // Each pool may name its own router; one failing router must not open the circuit for the others.
            .SelectPipelineByAuthority();
        return services;
    }

    private sealed class Registered;
}
