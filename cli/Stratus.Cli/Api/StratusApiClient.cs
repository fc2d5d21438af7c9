using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;

namespace Stratus.Cli.Api;

/// <summary>
/// The Stratus HTTP API over one <see cref="HttpClient"/>: sends the bearer token and <c>User-Agent: stratus-cli/…</c>,
/// reads JSON answers, follows list pages, and turns RFC 7807 problems and transport failures into
/// <see cref="StratusApiException"/>. Pass a handler to talk to an in-process server.
/// </summary>
internal sealed partial class StratusApiClient : IDisposable
{
    private const int PageSize = 200;
    private const int MaxErrorTextLength = 500;

    private readonly HttpClient _http;

    public StratusApiClient(Uri baseUrl, string? token, HttpMessageHandler? handler = null)
    {
        _http = CliHttpClient.Create(handler);
        _http.BaseAddress = baseUrl;
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("stratus-cli", Version));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        if (!string.IsNullOrEmpty(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>The CLI's version, as sent in <c>User-Agent</c>.</summary>
    public static string Version { get; } =
        typeof(StratusApiClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public Uri BaseUrl => _http.BaseAddress!;

    public async Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        Typed<T>(await SendAsync(HttpMethod.Get, path, null, cancellationToken));

    public async Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        Typed<T>(await SendAsync(HttpMethod.Post, path, body, cancellationToken));

    public async Task<ApiResult<T>> PatchAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        Typed<T>(await SendAsync(HttpMethod.Patch, path, body, cancellationToken));

    public async Task PutAsync(string path, object? body, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Put, path, body, cancellationToken);

    public async Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    /// <summary>
    /// Every item of a paged list (<c>{"items": […], "continuation": …}</c>), following continuations; a bare JSON array
    /// pages by <c>Link: &lt;…&gt;; rel="next"</c> headers, followed too. Its JSON has the API's shape (a page with no
    /// continuation, or an array) holding every item read.
    /// </summary>
    public Task<ApiResult<IReadOnlyList<T>>> ListAllAsync<T>(string path, CancellationToken cancellationToken) => ListAllAsync<T>(path, null, cancellationToken);

    /// <summary>Like the other overload, stopping after <paramref name="maxItems"/> (all when null).</summary>
    public async Task<ApiResult<IReadOnlyList<T>>> ListAllAsync<T>(string path, int? maxItems, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string? continuation = null;
        string? nextArrayPage = null;
        var bareArray = false;
        do
        {
            var size = Math.Min(PageSize, maxItems is { } max ? max - items.Count : PageSize);
            var (page, nextLink) = await SendReadingNextAsync(HttpMethod.Get, nextArrayPage ?? ApiPath.WithQuery(path, ("limit", size.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("continuation", continuation)), null, cancellationToken);
            if (page.ValueKind == JsonValueKind.Array)
            {
                // A bare array says there is more by a Link rel="next" header: follow it as given.
                bareArray = true;
                items.AddRange(page.EnumerateArray());
                if (nextLink is null || nextLink == nextArrayPage || (maxItems is { } most && items.Count >= most))
                {
                    break;
                }

                nextArrayPage = nextLink;
                continue;
            }

            if (page.ValueKind != JsonValueKind.Object || !page.TryGetProperty("items", out var pageItems) || pageItems.ValueKind != JsonValueKind.Array)
            {
                throw Unexpected(HttpStatusCode.OK, $"GET {path} did not answer a page of items.");
            }

            items.AddRange(pageItems.EnumerateArray());
            var next = page.TryGetProperty("continuation", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
            if (next is not null && next == continuation)
            {
                throw Unexpected(HttpStatusCode.OK, $"GET {path} returned the same continuation twice.");
            }

            continuation = next;
        }
        while ((continuation is not null || nextArrayPage is not null) && (maxItems is null || items.Count < maxItems));

        if (maxItems is { } limit && items.Count > limit)
        {
            items.RemoveRange(limit, items.Count - limit);
        }

        // -o json shows the list in the shape the API answers it: a bare array stays one.
        var json = bareArray ? JsonSerializer.SerializeToElement(items, CliJson.Options) : Page(items);
        return new ApiResult<IReadOnlyList<T>>(items.Select(i => Deserialize<T>(i)).ToList(), json);
    }

    /// <summary>Sends a request and returns its JSON answer (<see cref="JsonValueKind.Undefined"/> when there is none).</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        (await SendReadingNextAsync(method, path, body, cancellationToken)).Json;

    // Also the RFC 8288 Link rel="next" target, by which lists that answer bare arrays say there is another page.
    private async Task<(JsonElement Json, string? Next)> SendReadingNextAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: CliJson.Options);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new StratusApiException(null, $"Cannot reach Stratus at {BaseUrl}", $"{e.Message} Is the API running? Set the URL with 'stratus login --url' or STRATUS_URL.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StratusApiException(null, $"Stratus at {BaseUrl} did not answer in time", $"{method} {path} timed out after {_http.Timeout.TotalSeconds:0} seconds.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response, text);
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                return (default, null);
            }

            var next = response.Headers.TryGetValues("Link", out var links)
                ? links.Select(l => NextLink().Match(l)).FirstOrDefault(m => m.Success)?.Groups["target"].Value
                : null;
            try
            {
                using var document = JsonDocument.Parse(text);
                return (document.RootElement.Clone(), next);
            }
            catch (JsonException)
            {
                throw Unexpected(response.StatusCode, $"{method} {path} answered something that is not JSON. Is {BaseUrl} a Stratus API?");
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static ApiResult<T> Typed<T>(JsonElement json) => new(Deserialize<T>(json), json);

    private static T Deserialize<T>(JsonElement json)
    {
        try
        {
            return json.ValueKind == JsonValueKind.Undefined ? default! : json.Deserialize<T>(CliJson.Options)!;
        }
        catch (JsonException e)
        {
            throw Unexpected(HttpStatusCode.OK, $"The answer does not have the shape this CLI expects ({e.Message}). Is the CLI older than the API?");
        }
    }

    private static StratusApiException Failure(HttpResponseMessage response, string text)
    {
        ApiProblem? problem = null;
        try
        {
            problem = text.Length > 0 ? JsonSerializer.Deserialize<ApiProblem>(text, CliJson.Options) : null;
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's HTML page, say): show the start of the text instead.
        }

        var status = (int)response.StatusCode;
        var title = problem?.Title ?? response.ReasonPhrase ?? $"HTTP {status}";
        var detail = problem is not null ? problem.Detail : text.Length == 0 ? null : text.Length > MaxErrorTextLength ? text[..MaxErrorTextLength] + "…" : text;
        return new StratusApiException(status, title, detail);
    }

    private static StratusApiException Unexpected(HttpStatusCode status, string detail) => new((int)status, "Unexpected answer", detail);

    private static JsonElement Page(List<JsonElement> items)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("items");
            foreach (var item in items)
            {
                // The item's text as the API sent it (WriteTo would re-escape strings).
                writer.WriteRawValue(item.GetRawText(), skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteNull("continuation");
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }

    [System.Text.RegularExpressions.GeneratedRegex("<(?<target>[^>]*)>\\s*;\\s*rel=\"?next\"?", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex NextLink();
}
