namespace Stratus.Cli.Api;

/// <summary>
/// Keeps the last answer's status, body and <c>Link</c> header as the API sent them. The generated client hands back
/// models; <c>-o json</c> prints the API's own JSON (with its nulls and field order), paging reads the continuation and
/// a problem's text comes from the body even when it is not a problem document (a proxy's page). A CLI runs one
/// request at a time, so "last" is well defined.
/// </summary>
internal sealed class ResponseRecorder : DelegatingHandler
{
    public RecordedResponse? Last { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Last = null;
        var response = await base.SendAsync(request, cancellationToken);
        // Buffered, so the generated client still reads the whole body after us.
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var links = response.Headers.TryGetValues("Link", out var values) ? values.ToList() : [];
        Last = new RecordedResponse(request.Method, request.RequestUri, response.StatusCode, response.ReasonPhrase, text, links);
        return response;
    }
}
