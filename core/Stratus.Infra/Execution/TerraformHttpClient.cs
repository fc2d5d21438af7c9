using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Stratus.Infra.Execution;

/// <summary>The named <see cref="HttpClient"/> for terraform and tofu release downloads (zips and SHA256SUMS).</summary>
public static class TerraformHttpClient
{
    public const string Name = "Stratus.Terraform";

    /// <summary>
    /// Downloads are GETs, so transient failures (5xx, 408, 429, resets) are retried. A release zip is tens of MB over
    /// whatever link the executor has, so an attempt gets minutes rather than the standard 10 s.
    /// </summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan TotalTimeout = TimeSpan.FromMinutes(30);

    public static IServiceCollection AddTerraformHttpClient(this IServiceCollection services)
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
            });
        return services;
    }

    private sealed class Registered;
}
