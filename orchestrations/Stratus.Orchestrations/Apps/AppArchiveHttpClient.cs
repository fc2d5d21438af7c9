using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Stratus.Orchestrations.Apps;

/// <summary>The named <see cref="HttpClient"/> a deploy from a URL downloads its source archive with.</summary>
public static class AppArchiveHttpClient
{
    public const string Name = "Stratus.AppArchive";

    /// <summary>
    /// The download is a GET, so transient failures are retried; an archive may be hundreds of MB
    /// (<see cref="AppPipelineOptions.MaxArchiveBytes"/>), so an attempt gets the ten minutes the old per-download
    /// client had instead of the standard 10 s.
    /// </summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan TotalTimeout = TimeSpan.FromMinutes(30);

    public static IServiceCollection AddAppArchiveHttpClient(this IServiceCollection services)
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
                options.AttemptTimeout.Timeout = AttemptTimeout;
                options.TotalRequestTimeout.Timeout = TotalTimeout;
                options.CircuitBreaker.SamplingDuration = AttemptTimeout * 2;
            })
            // Archives come from anywhere; one failing host must not open the circuit for the others.
            .SelectPipelineByAuthority();
        return services;
    }

    private sealed class Registered;
}
