using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Stratus.Cli.Api;

namespace Stratus.Cli.Commands.Apps;

/// <summary>
/// The app requests the generated client (<see cref="StratusApi"/>) does not make: bodies that are not JSON (a tar.gz, multipart) and
/// text answers read line by line as they arrive (logs). Same base URL, token and <c>User-Agent</c> as the client; no
/// overall timeout, because an upload or a followed log lasts as long as it lasts (Ctrl+C cancels). Problems become
/// <see cref="StratusApiException"/> as with the client, and a 409 naming the app's holder <see cref="AppBusyException"/>.
/// </summary>
internal sealed class AppHttp : IDisposable
{
    private const int MaxErrorTextLength = 500;
    private readonly HttpClient _http;

    private AppHttp(Uri baseUrl, string token, HttpMessageHandler? handler)
    {
        _http = CliHttpClient.Create(handler);
        _http.BaseAddress = baseUrl;
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("stratus-cli", StratusApi.Version));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A client for <paramref name="call"/>'s connection; a <see cref="CliException"/> when not logged in.</summary>
    public static AppHttp For(CommandCall call)
    {
        // The signed-in client says how to log in when there is no token.
        _ = call.Client;
        var connection = call.Context.Connection();
        return new AppHttp(connection.Url, connection.Token!, call.Context.Environment.HttpHandler);
    }

    /// <summary>Sends <paramref name="content"/> and returns the JSON answer.</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new StratusApiException((int)response.StatusCode, "Unexpected answer", $"{method} {path} answered something that is not JSON. Is {_http.BaseAddress} a Stratus API?");
        }
    }

    /// <summary>The lines of a text answer, each as soon as it has arrived (a followed log ends when the server ends it).</summary>
    public async IAsyncEnumerable<string> ReadLinesAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            yield return line;
        }
    }

    /// <summary>
    /// A successful answer to a GET, its body not yet read (<see cref="HttpCompletionOption.ResponseHeadersRead"/>), for
    /// answers that are neither JSON nor lines: a state file, a log whose media type decides how to read it.
    /// </summary>
    public Task<HttpResponseMessage> GetAsync(string path, string accept, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        return SendCoreAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new StratusApiException(null, $"Cannot reach Stratus at {_http.BaseAddress}", $"{e.Message} Is the API running? Set the URL with 'stratus login --url' or STRATUS_URL.");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw Failure(response, await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }

    private static Exception Failure(HttpResponseMessage response, string text)
    {
        JsonElement problem = default;
        try
        {
            using var document = text.Length > 0 ? JsonDocument.Parse(text) : null;
            problem = document?.RootElement.Clone() ?? default;
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's HTML page, say): show the start of the text instead.
        }

        var status = (int)response.StatusCode;
        if (problem.ValueKind != JsonValueKind.Object)
        {
            var detail = text.Length == 0 ? null : text.Length > MaxErrorTextLength ? text[..MaxErrorTextLength] + "…" : text;
            return new StratusApiException(status, response.ReasonPhrase ?? $"HTTP {status}", detail);
        }

        var title = String(problem, "title") ?? response.ReasonPhrase ?? $"HTTP {status}";
        var problemDetail = String(problem, "detail");
        return status == 409 && String(problem, "event") is { } holder
            ? new AppBusyException(title, problemDetail, holder)
            : new StratusApiException(status, title, problemDetail);
    }

    private static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
