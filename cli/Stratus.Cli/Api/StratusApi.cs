using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Stratus.Client;
using GeneratedClient = Stratus.Client.StratusApiClient;

namespace Stratus.Cli.Api;

/// <summary>
/// The generated <see cref="GeneratedClient"/> as the CLI uses it: one <see cref="HttpClient"/> with the CLI's retries,
/// <c>User-Agent: stratus-cli/…</c> and the bearer token; each call returns the model and the JSON the API sent (for
/// <c>-o json</c>); lists are read to the end; RFC 7807 problems and transport failures become
/// <see cref="StratusApiException"/>. Pass a handler to talk to an in-process server.
/// </summary>
internal sealed partial class StratusApi : IDisposable
{
    private const int PageSize = 200;
    private const int MaxErrorTextLength = 500;

    private readonly HttpClient _http;
    private readonly ResponseRecorder _recorder = new();

    public StratusApi(Uri baseUrl, string? token, HttpMessageHandler? handler = null)
    {
        _http = CliHttpClient.Create(handler, _recorder);
        _http.BaseAddress = baseUrl;
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("stratus-cli", Version));
        BaseUrl = baseUrl;
        Client = StratusClientFactory.Create(baseUrl, token, _http);
    }

    /// <summary>The CLI's version, as sent in <c>User-Agent</c>.</summary>
    public static string Version { get; } =
        typeof(StratusApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public Uri BaseUrl { get; }

    /// <summary>The generated client, for building calls: <c>api.Call((c, ct) =&gt; c.Api.V1.Users.GetAsync(cancellationToken: ct), ct)</c>.</summary>
    public GeneratedClient Client { get; }

    /// <summary>Sends one call; its model and the API's JSON for it (<see cref="JsonValueKind.Undefined"/> when there is none).</summary>
    public async Task<ApiResult<T>> Call<T>(Func<GeneratedClient, CancellationToken, Task<T?>> call, CancellationToken cancellationToken)
    {
        var value = await Send(call, cancellationToken);
        return new ApiResult<T>(value!, LastJson());
    }

    /// <summary>Sends a call whose answer the CLI does not show.</summary>
    public async Task Call(Func<GeneratedClient, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await Send<object>(async (client, ct) =>
        {
            await call(client, ct);
            return null;
        }, cancellationToken);

    /// <summary>
    /// Every item of a paged list (<c>{"items": […], "continuation": …}</c>), following continuations, up to
    /// <paramref name="maxItems"/> (all when null). Its JSON is one page holding every item read.
    /// </summary>
    public async Task<ApiResult<IReadOnlyList<T>>> ListAllAsync<TPage, T>(
        Func<GeneratedClient, int, string?, CancellationToken, Task<TPage?>> page, Func<TPage, IEnumerable<T>?> items, int? maxItems, CancellationToken cancellationToken)
    {
        var values = new List<T>();
        var json = new List<JsonElement>();
        string? continuation = null;
        do
        {
            var size = Math.Min(PageSize, maxItems is { } max ? max - values.Count : PageSize);
            var answer = await Send((client, ct) => page(client, size, continuation, ct), cancellationToken);
            var raw = LastJson();
            if (answer is null || raw.ValueKind != JsonValueKind.Object || !raw.TryGetProperty("items", out var rawItems) || rawItems.ValueKind != JsonValueKind.Array)
            {
                throw Unexpected(HttpStatusCode.OK, $"GET {_recorder.Last?.RequestUri?.AbsolutePath} did not answer a page of items.");
            }

            values.AddRange(items(answer) ?? []);
            json.AddRange(rawItems.EnumerateArray());
            var next = raw.TryGetProperty("continuation", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
            if (next is not null && next == continuation)
            {
                throw Unexpected(HttpStatusCode.OK, $"GET {_recorder.Last?.RequestUri?.AbsolutePath} returned the same continuation twice.");
            }

            continuation = next;
        }
        while (continuation is not null && (maxItems is null || values.Count < maxItems));

        if (maxItems is { } limit && values.Count > limit)
        {
            values.RemoveRange(limit, values.Count - limit);
            json.RemoveRange(limit, json.Count - limit);
        }

        return new ApiResult<IReadOnlyList<T>>(values, Page(json));
    }

    /// <summary>Every item of a list the API answers as a bare array, following <c>Link: &lt;…&gt;; rel="next"</c> pages as given.</summary>
    public async Task<ApiResult<IReadOnlyList<T>>> ListArrayAsync<T>(Func<GeneratedClient, string?, CancellationToken, Task<List<T>?>> page, CancellationToken cancellationToken)
    {
        var values = new List<T>();
        var json = new List<JsonElement>();
        string? next = null;
        do
        {
            var answer = await Send((client, ct) => page(client, next, ct), cancellationToken);
            values.AddRange(answer ?? []);
            var raw = LastJson();
            json.AddRange(raw.ValueKind == JsonValueKind.Array ? raw.EnumerateArray() : []);
            var link = _recorder.Last?.Links.Select(l => NextLink().Match(l)).FirstOrDefault(m => m.Success)?.Groups["target"].Value;
            next = link is null || link == next ? null : new Uri(BaseUrl, link).ToString();
        }
        while (next is not null);

        return new ApiResult<IReadOnlyList<T>>(values, JsonSerializer.SerializeToElement(json, CliJson.Options));
    }

    /// <summary>
    /// A JSON answer read outside the generated client (an upload's, a streamed call's) as the generated model, with the
    /// JSON kept for <c>-o json</c>.
    /// </summary>
    public static ApiResult<T> FromJson<T>(JsonElement json, ParsableFactory<T> factory)
        where T : IParsable
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Unexpected(HttpStatusCode.OK, "The answer is not the JSON object this CLI expects. Is the CLI older than the API?");
        }

        return new ApiResult<T>(new Microsoft.Kiota.Serialization.Json.JsonParseNode(json).GetObjectValue(factory)!, json);
    }

    public void Dispose() => _http.Dispose();

    private async Task<T?> Send<T>(Func<GeneratedClient, CancellationToken, Task<T?>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(Client, cancellationToken);
        }
        catch (ApiException) when (_recorder.Last is { } failed && (int)failed.Status >= 400)
        {
            throw Failure(failed);
        }
        catch (ApiException e)
        {
            throw new StratusApiException(e.ResponseStatusCode == 0 ? null : e.ResponseStatusCode, "Unexpected answer", e.Message);
        }
        catch (HttpRequestException e)
        {
            throw new StratusApiException(null, $"Cannot reach Stratus at {BaseUrl}", $"{e.Message} Is the API running? Set the URL with 'stratus login --url' or STRATUS_URL.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StratusApiException(null, $"Stratus at {BaseUrl} did not answer in time", $"The request timed out after {_http.Timeout.TotalSeconds:0} seconds.");
        }
        catch (JsonException)
        {
            throw Unexpected(_recorder.Last?.Status ?? HttpStatusCode.OK, $"The answer is not the JSON this CLI expects. Is {BaseUrl} a Stratus API, and is the CLI older than the API?");
        }
    }

    private JsonElement LastJson()
    {
        var text = _recorder.Last?.Text;
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
            throw Unexpected(_recorder.Last!.Status, $"{_recorder.Last.Method} {_recorder.Last.RequestUri?.AbsolutePath} answered something that is not JSON. Is {BaseUrl} a Stratus API?");
        }
    }

    private static StratusApiException Failure(RecordedResponse response)
    {
        ApiProblem? problem = null;
        try
        {
            problem = response.Text.Length > 0 ? JsonSerializer.Deserialize<ApiProblem>(response.Text, CliJson.Options) : null;
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's HTML page, say): show the start of the text instead.
        }

        var status = (int)response.Status;
        var text = response.Text;
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
