using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Stratus.Cli.Api;

/// <summary>
/// The CLI's <see cref="HttpClient"/>s: one per command, as a short-lived process needs no factory (no handler
/// rotation or DNS refresh to manage), but with the same retry policy as the server's clients, so a GET that meets a
/// restarting API (503, 502, 504, 429, a reset connection) is tried again instead of failing the command. Only safe
/// methods are retried: a deploy upload or any change is sent once. There is no attempt or total timeout in the
/// pipeline, since a followed log or an upload lasts as long as it lasts; the caller's client timeout still applies.
/// </summary>
internal static class CliHttpClient
{
    /// <summary>Few and short: a person is waiting, and the API answers fast or not at all.</summary>
    public const int MaxRetryAttempts = 2;

    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);

    /// <param name="handler">An in-process server's handler (tests); it is not disposed with the client.</param>
    /// <param name="outer">A handler that sees each answer after the retries (<see cref="ResponseRecorder"/>).</param>
    public static HttpClient Create(HttpMessageHandler? handler, DelegatingHandler? outer = null)
    {
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = MaxRetryAttempts,
            Delay = FirstRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        };
        retry.DisableForUnsafeHttpMethods();
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(retry).Build();
#pragma warning disable CA2000 // The HttpClient owns the chain it is given (and leaves a test's handler alone).
        var resilience = new ResilienceHandler(pipeline) { InnerHandler = handler ?? new SocketsHttpHandler() };
        HttpMessageHandler chain = resilience;
        if (outer is not null)
        {
            outer.InnerHandler = resilience;
            chain = outer;
        }
#pragma warning restore CA2000

        return new HttpClient(chain, disposeHandler: handler is null);
    }
}
