namespace Stratus.Cli.Tests;

/// <summary>Passes requests on and keeps the headers of the last one, so tests can see what the CLI sent.</summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public string? LastUserAgent { get; private set; }

    public string? LastAuthorization { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastUserAgent = request.Headers.UserAgent.ToString();
        LastAuthorization = request.Headers.Authorization?.ToString();
        return base.SendAsync(request, cancellationToken);
    }
}
