using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stratus.Kubernetes.Manifests;

namespace Stratus.Kubernetes.Api;

/// <summary>
/// The part of the Kubernetes API Stratus uses: server-side apply, get, list (paged), delete, and pod logs. Every call is
/// namespaced; errors surface as <see cref="KubernetesApiException"/> with the server's Status message.
/// </summary>
public sealed class KubernetesApiClient
{
    private const string ApplyPatchContentType = "application/apply-patch+yaml";

    private readonly HttpClient _http;
    private readonly KubernetesApiOptions _options;

    public KubernetesApiClient(HttpClient http, KubernetesApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
    }

    public string Namespace => _options.Namespace;

    /// <summary>
    /// Server-side apply (create or update) with <c>force=true</c>: Stratus is the one owner of what it deploys, so a field
    /// someone changed by hand is taken back rather than failing the deploy with a conflict.
    /// </summary>
    public async Task<JsonObject> ApplyAsync(JsonObject manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var kind = KubernetesKind.From(Text(manifest, "apiVersion"), Text(manifest, "kind"));
        var metadata = manifest["metadata"] as JsonObject ?? throw new ArgumentException("The manifest has no metadata.", nameof(manifest));
        var name = metadata["name"]?.GetValue<string>() ?? throw new ArgumentException("The manifest has no name.", nameof(manifest));
        var ns = metadata["namespace"]?.GetValue<string>() ?? _options.Namespace;

        var uri = $"{kind.CollectionPath(ns)}/{Uri.EscapeDataString(name)}?fieldManager={Uri.EscapeDataString(_options.FieldManager)}&force=true";
        using var request = new HttpRequestMessage(HttpMethod.Patch, uri);
        // JSON is YAML, so the apply body is the manifest's JSON text.
        request.Content = new StringContent(ManifestBuilder.ToJson(manifest), Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ApplyPatchContentType);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await ReadObjectAsync(response, cancellationToken);
    }

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(KubernetesKind kind, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{kind.CollectionPath(_options.Namespace)}/{Uri.EscapeDataString(name)}");
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken, allowNotFound: true);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadObjectAsync(response, cancellationToken);
    }

    /// <summary>Every object of <paramref name="kind"/> matching <paramref name="labelSelector"/>, across all pages.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(KubernetesKind kind, string? labelSelector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var items = new List<JsonObject>();
        string? continueToken = null;
        do
        {
            var query = new StringBuilder("?limit=").Append(_options.ListPageSize.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(labelSelector))
            {
                query.Append("&labelSelector=").Append(Uri.EscapeDataString(labelSelector));
            }

            if (!string.IsNullOrEmpty(continueToken))
            {
                query.Append("&continue=").Append(Uri.EscapeDataString(continueToken));
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, kind.CollectionPath(_options.Namespace) + query);
            using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var list = await ReadObjectAsync(response, cancellationToken);
            if (list["items"] is JsonArray array)
            {
                items.AddRange(array.OfType<JsonObject>().Select(i => (JsonObject)i.DeepClone()));
            }

            continueToken = list["metadata"]?["continue"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(continueToken));

        return items;
    }

    /// <summary>Deletes the object (dependents in the background); true when it existed.</summary>
    public async Task<bool> DeleteAsync(KubernetesKind kind, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var request = new HttpRequestMessage(
            HttpMethod.Delete,
            $"{kind.CollectionPath(_options.Namespace)}/{Uri.EscapeDataString(name)}?propagationPolicy=Background");
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken, allowNotFound: true);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    /// <summary>
    /// A container's log; <paramref name="tailLines"/> null reads all of it. <paramref name="previous"/> reads the last terminated instance (what a crash-looping unit
    /// printed before it died); <paramref name="timestamps"/> prefixes each line with its RFC 3339 time.
    /// </summary>
    public async Task<string> GetPodLogAsync(string pod, string container, int? tailLines, CancellationToken cancellationToken, bool previous = false, bool timestamps = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, LogUri(pod, container, tailLines, previous, timestamps, follow: false));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Follows a container's log (<c>follow=true</c>), line by line, until the container stops or the token is cancelled.</summary>
    public async IAsyncEnumerable<string> FollowPodLogAsync(
        string pod,
        string container,
        int? tailLines,
        bool timestamps,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, LogUri(pod, container, tailLines, previous: false, timestamps, follow: true));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            yield return line;
        }
    }

    private string LogUri(string pod, string container, int? tailLines, bool previous, bool timestamps, bool follow)
    {
        ArgumentException.ThrowIfNullOrEmpty(pod);
        ArgumentException.ThrowIfNullOrEmpty(container);
        var uri = new StringBuilder(KubernetesKind.Pod.CollectionPath(_options.Namespace))
            .Append('/').Append(Uri.EscapeDataString(pod)).Append("/log?container=").Append(Uri.EscapeDataString(container));
        if (tailLines is >= 0)
        {
            uri.Append("&tailLines=").Append(tailLines.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (previous)
        {
            uri.Append("&previous=true");
        }

        if (timestamps)
        {
            uri.Append("&timestamps=true");
        }

        if (follow)
        {
            uri.Append("&follow=true");
        }

        return uri.ToString();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        // Appended, not resolved: a server URL with a path (a proxy such as Rancher's /k8s/clusters/x) must keep it.
        request.RequestUri = new Uri(_options.Server.AbsoluteUri.TrimEnd('/') + request.RequestUri!.OriginalString);
        var token = _options.TokenProvider is not null ? await _options.TokenProvider(cancellationToken) : _options.Token;
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await _http.SendAsync(request, completion, cancellationToken);
        if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound))
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(request, response, cancellationToken);
        }
    }

    private static async Task<KubernetesApiException> ToExceptionAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? reason = null;
        var message = body;
        try
        {
            if (JsonNode.Parse(body) is JsonObject status && status["kind"]?.GetValue<string>() == "Status")
            {
                reason = status["reason"]?.GetValue<string>();
                message = status["message"]?.GetValue<string>() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not a Status object (a proxy in front of the server, say): keep the raw body.
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            message = response.ReasonPhrase ?? "no message";
        }

        var path = request.RequestUri?.AbsolutePath;
        return new KubernetesApiException(
            response.StatusCode,
            reason,
            $"{request.Method} {path} failed with {(int)response.StatusCode}{(reason is null ? "" : " " + reason)}: {message}");
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) as JsonObject
            ?? throw new KubernetesApiException(response.StatusCode, null, "The API server answered with something other than an object.");
    }

    private static string Text(JsonObject manifest, string property) =>
        manifest[property]?.GetValue<string>() ?? throw new ArgumentException($"The manifest has no {property}.", nameof(manifest));
}
