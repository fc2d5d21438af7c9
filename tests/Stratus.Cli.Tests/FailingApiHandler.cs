using System.Net;
using System.Text;

namespace Stratus.Cli.Tests;

/// <summary>A server that fails every request with a 503 problem, as an API whose storage is down would.</summary>
internal sealed class FailingApiHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
        {
            Content = new StringContent("""{"title":"Storage unavailable","status":503,"detail":"The table service did not answer."}""", Encoding.UTF8, "application/problem+json"),
        });
}
