using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Stratus.Api.Tests.Fuzz;

/// <summary>
/// Sends a request whose target <see cref="HttpClient"/> refuses to build (a NUL in the decoded path: the test
/// client, like Kestrel, will not decode it) straight into the pipeline with the decoded path set by hand, as a host
/// that hands the pipeline a decoded path (the Functions worker's HTTP dispatch) would.
/// </summary>
internal sealed class RawRequestSender(TestServer server, string authorization)
{
    public async Task<(int Status, string? MediaType, string Body)> SendAsync(FuzzRequest request, CancellationToken cancellationToken)
    {
        var queryStart = request.Target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? request.Target : request.Target[..queryStart];
        var query = queryStart < 0 ? "" : request.Target[queryStart..];
        var context = await server.SendAsync(
            c =>
            {
                c.Request.Method = request.Method;
                c.Request.Path = new PathString(Uri.UnescapeDataString(path.Replace("%2F", "%252F", StringComparison.OrdinalIgnoreCase)));
                c.Request.QueryString = new QueryString(query);
                c.Request.Headers.Authorization = authorization;
                if (request.Body is not null)
                {
                    c.Request.Body = new MemoryStream(request.Body);
                    c.Request.ContentLength = request.Body.Length;
                    c.Request.ContentType = request.ContentType;
                }
            },
            cancellationToken);
        using var reader = new StreamReader(context.Response.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        var mediaType = context.Response.ContentType is { } type ? type.Split(';')[0].Trim() : null;
        return (context.Response.StatusCode, mediaType, body);
    }
}
