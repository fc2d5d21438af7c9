using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Stratus.Orchestrations.Apps.ArchiveUrls;

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

    /// <summary>Redirects followed (each target is checked again when it is connected to); .NET's default is 50.</summary>
    public const int MaxRedirects = 5;

    public static IServiceCollection AddAppArchiveHttpClient(this IServiceCollection services)
    {
        // A second AddStandardResilienceHandler on the same name would nest two pipelines (retries of retries).
        if (services.Any(d => d.ServiceType == typeof(Registered)))
        {
            return services;
        }

        services.AddSingleton<Registered>();
        services.AddSingleton<ArchiveAddressPolicy>();
        services.AddSingleton<ArchiveUrlConnector>();
        services.AddSingleton<AppArchiveDownloader>();
        services.AddHttpClient(Name, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // Every connection goes through the address check; a proxy would make the check see only the proxy.
                ConnectCallback = sp.GetRequiredService<ArchiveUrlConnector>().ConnectAsync,
                UseProxy = false,
                MaxAutomaticRedirections = MaxRedirects,
            })
            .AddStandardResilienceHandler(options =>
            {
                options.AttemptTimeout.Timeout = AttemptTimeout;
                options.TotalRequestTimeout.Timeout = TotalTimeout;
                options.CircuitBreaker.SamplingDuration = AttemptTimeout * 2;

                // A refused address stays refused: retrying it only delays the answer, and it says nothing about the host's health.
                options.Retry.ShouldHandle = args => ValueTask.FromResult(!IsRefusal(args.Outcome) && HttpClientResiliencePredicates.IsTransient(args.Outcome));
                options.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(!IsRefusal(args.Outcome) && HttpClientResiliencePredicates.IsTransient(args.Outcome));
            })
            // Archives come from anywhere; one failing host must not open the circuit for the others.
            .SelectPipelineByAuthority();
        return services;
    }

    private static bool IsRefusal(Outcome<HttpResponseMessage> outcome)
    {
        for (var inner = outcome.Exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is ArchiveUrlRefusedException)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Registered;
}
