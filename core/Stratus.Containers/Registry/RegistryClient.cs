using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Stratus.Containers.Oci;

namespace Stratus.Containers.Registry;

/// <summary>
/// A client of the OCI distribution API: blob existence, cross-repository mount, monolithic or chunked upload with
/// digest verification, manifests, and Docker token / Basic auth. Loopback registries and those in
/// <see cref="InsecureRegistries"/> are reached over plain HTTP, all others over HTTPS.
/// </summary>
/// <remarks>
/// Protocol failures surface as <see cref="RegistryException"/> (status code plus the registry's error codes); a blob
/// whose bytes do not match its digest or size is refused with <see cref="InvalidDataException"/> before it is committed.
/// </remarks>
public sealed class RegistryClient : IRegistryClient
{
    public const int DefaultChunkSize = 16 * 1024 * 1024;

    /// <summary>
    /// 512 MiB: one request must finish within <see cref="RegistryHttpClient.AttemptTimeout"/> (5 min), which this
    /// size does down to about 1.7 MB/s; bigger layers go in chunks, each well inside it.
    /// </summary>
    public const long DefaultMaxMonolithicBytes = 512L * 1024 * 1024;
    private const string DockerHubApiHost = "registry-1.docker.io";
    private const int MaxErrorBodyBytes = 64 * 1024;

    private static readonly string[] ManifestMediaTypes =
    [
        OciMediaTypes.ImageManifest, OciMediaTypes.ImageIndex, OciMediaTypes.DockerManifest, OciMediaTypes.DockerManifestList,
    ];

    private readonly HttpClient _http;
    private readonly RegistryCredentials? _credentials;
    private readonly IRegistryTokenSource? _tokenSource;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (RegistryToken Token, RegistryTokenRequest Request)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _basicRegistries = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _chunkedRegistries = new(StringComparer.OrdinalIgnoreCase);
    private int _chunkSize = DefaultChunkSize;
    private long _maxMonolithicBytes = DefaultMaxMonolithicBytes;
    private int _tokensFetched;

    public RegistryClient(HttpClient http, RegistryCredentials? credentials = null, IRegistryTokenSource? tokenSource = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _credentials = credentials;
        _tokenSource = tokenSource;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Blobs of at least this many bytes are uploaded in PATCH chunks of this size; smaller ones in one PUT.</summary>
    public int ChunkSize
    {
        get => _chunkSize;
        set => _chunkSize = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The chunk size must be positive.");
    }

    /// <summary>The largest file <see cref="PushBlobFileAsync"/> sends in one PUT; larger ones go in chunks.</summary>
    public long MaxMonolithicBytes
    {
        get => _maxMonolithicBytes;
        set => _maxMonolithicBytes = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The monolithic upload limit cannot be negative.");
    }

    /// <summary>Registries (<c>host[:port]</c>) reached over plain HTTP although they are not loopback.</summary>
    public ICollection<string> InsecureRegistries { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Everything this client has uploaded, skipped or mounted since it was created.</summary>
    public PushStatistics Statistics { get; } = new();

    /// <summary>How many bearer tokens this client fetched (from the token service or the <see cref="IRegistryTokenSource"/>).</summary>
    public int TokensFetched => Volatile.Read(ref _tokensFetched);

    public async Task<bool> BlobExistsAsync(ImageReference repository, string digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var uri = Endpoint(repository, $"blobs/{digest}");
        using var response = await SendAsync(repository, Pull(repository), () => new HttpRequestMessage(HttpMethod.Head, uri), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw await ErrorAsync(response, cancellationToken),
        };
    }

    /// <summary>
    /// Asks the registry to link <paramref name="digest"/> from <paramref name="fromRepository"/> (same registry) into
    /// <paramref name="target"/>'s repository without uploading it. False when the registry could not (it then starts an
    /// ordinary upload, which this cancels).
    /// </summary>
    public async Task<bool> TryMountBlobAsync(ImageReference target, string digest, string fromRepository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(fromRepository);
        var uri = Endpoint(target, $"blobs/uploads/?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(fromRepository)}");
        string[] scopes = [.. Push(target), $"repository:{fromRepository}:pull"];
        using var response = await SendAsync(target, scopes, () => new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent([]) }, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.Created:
                Statistics.RecordMounted();
                return true;
            case HttpStatusCode.Accepted:
                await CancelUploadAsync(target, UploadLocation(response, uri), cancellationToken);
                return false;
            default:
                throw await ErrorAsync(response, cancellationToken);
        }
    }

    /// <summary>
    /// Uploads <paramref name="size"/> bytes of <paramref name="content"/> as blob <paramref name="digest"/>: one PUT when
    /// smaller than <see cref="ChunkSize"/>, else PATCH chunks then a closing PUT. The sha256 is computed while streaming
    /// and the upload is cancelled, not committed, if it or the size differ. For a file whose digest is already known
    /// (a build's layer), <see cref="PushBlobFileAsync"/> skips that hash and streams the file in one request.
    /// </summary>
    public async Task PushBlobAsync(ImageReference repository, string digest, Stream content, long size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(content);
        OciDigest.RequireSha256(digest, nameof(digest));
        ArgumentOutOfRangeException.ThrowIfNegative(size);

        var location = await StartUploadAsync(repository, cancellationToken);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            if (size < ChunkSize)
            {
                var body = new byte[size];
                var read = await content.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken);
                await EnsureEndAsync(content, read, size, cancellationToken);
                hash.AppendData(body);
                Statistics.RecordHashed(size);
                VerifyDigest(hash, digest, repository);
                await CommitAsync(repository, location, digest, () => OctetStream(new ByteArrayContent(body)), cancellationToken);
                Statistics.RecordMonolithic();
            }
            else
            {
                var buffer = new byte[ChunkSize];
                var offset = 0L;
                while (offset < size)
                {
                    var wanted = (int)Math.Min(buffer.Length, size - offset);
                    var read = await content.ReadAtLeastAsync(buffer.AsMemory(0, wanted), wanted, throwOnEndOfStream: false, cancellationToken);
                    if (read < wanted)
                    {
                        throw new InvalidDataException($"The content of blob {digest} ended after {offset + read} bytes; {size} were announced.");
                    }

                    hash.AppendData(buffer, 0, read);
                    Statistics.RecordHashed(read);
                    location = await PatchAsync(repository, location, offset, read, () => OctetStream(new ByteArrayContent(buffer, 0, read)), cancellationToken);
                    offset += read;
                }

                await EnsureEndAsync(content, offset, size, cancellationToken);
                VerifyDigest(hash, digest, repository);
                await CommitAsync(repository, location, digest, () => OctetStream(new ByteArrayContent([])), cancellationToken);
                Statistics.RecordChunked();
            }
        }
        catch
        {
            await CancelQuietlyAsync(repository, location);
            throw;
        }

        Statistics.RecordUpload(size);
    }

    /// <summary>
    /// Uploads the file at <paramref name="path"/> as blob <paramref name="digest"/> of <paramref name="size"/> bytes. The
    /// digest is the one its writer computed (a build hashes each layer while writing it), so the client does not read
    /// the file to hash it again: the registry checks the digest when it commits the upload and refuses a mismatch
    /// (<c>DIGEST_INVALID</c>), keeping nothing. The file travels in one PUT streamed from disk (the spec's monolithic
    /// upload) up to <see cref="MaxMonolithicBytes"/>; in PATCH chunks of <see cref="ChunkSize"/> above that, or when the
    /// registry (or a proxy in front of it) refused a whole body with 413, which is then remembered for that registry.
    /// </summary>
    public async Task PushBlobFileAsync(ImageReference repository, string path, string digest, long size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentException.ThrowIfNullOrEmpty(path);
        OciDigest.RequireSha256(digest, nameof(digest));
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var length = new FileInfo(path).Length;
        if (length != size)
        {
            throw new InvalidDataException($"Refusing to push blob {digest} to {repository.Name}: '{path}' has {length} bytes, not the {size} announced.");
        }

        var location = await StartUploadAsync(repository, cancellationToken);
        try
        {
            if (size <= MaxMonolithicBytes && !_chunkedRegistries.ContainsKey(repository.Registry))
            {
                var put = WithQuery(location, "digest=" + Uri.EscapeDataString(digest));
                using var response = await SendAsync(repository, Push(repository), () =>
                {
                    // 100-continue lets a registry or proxy that will refuse the body say so before it is sent.
                    var request = new HttpRequestMessage(HttpMethod.Put, put) { Content = new FileRangeContent(path, 0, size) };
                    request.Headers.ExpectContinue = true;
                    return request;
                }, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    Statistics.RecordMonolithic();
                    Statistics.RecordUpload(size);
                    return;
                }

                if (response.StatusCode != HttpStatusCode.RequestEntityTooLarge)
                {
                    throw await ErrorAsync(response, cancellationToken);
                }

                _chunkedRegistries[repository.Registry] = true;
                await CancelUploadAsync(repository, location, cancellationToken);
                location = await StartUploadAsync(repository, cancellationToken);
            }

            var offset = 0L;
            while (offset < size)
            {
                var start = offset;
                var chunk = Math.Min(ChunkSize, size - offset);
                location = await PatchAsync(repository, location, start, chunk, () => new FileRangeContent(path, start, chunk), cancellationToken);
                offset += chunk;
            }

            await CommitAsync(repository, location, digest, () => OctetStream(new ByteArrayContent([])), cancellationToken);
            Statistics.RecordChunked();
        }
        catch
        {
            await CancelQuietlyAsync(repository, location);
            throw;
        }

        Statistics.RecordUpload(size);
    }

    /// <summary>The blob's content stream (the caller disposes it). Redirects to a storage backend are followed.</summary>
    public async Task<Stream> GetBlobAsync(ImageReference repository, string digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var uri = Endpoint(repository, $"blobs/{digest}");
        var response = await SendAsync(repository, Pull(repository), () => new HttpRequestMessage(HttpMethod.Get, uri), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            using (response)
            {
                throw await ErrorAsync(response, cancellationToken);
            }
        }

        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    /// <summary>A small blob (a config) read whole and checked against its sha256 digest.</summary>
    public async Task<byte[]> GetBlobBytesAsync(ImageReference repository, string digest, CancellationToken cancellationToken)
    {
        await using var stream = await GetBlobAsync(repository, digest, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        if (OciDigest.IsSha256(digest) && OciDigest.Sha256(bytes) != digest)
        {
            throw new InvalidDataException($"Blob {digest} from {repository.Name} has digest {OciDigest.Sha256(bytes)}.");
        }

        return bytes;
    }

    /// <summary>The manifest or index <paramref name="image"/> names (by digest if it has one, else by tag).</summary>
    public async Task<RegistryManifest> GetManifestAsync(ImageReference image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var uri = Endpoint(image, $"manifests/{image.Reference}");
        using var response = await SendAsync(image, Pull(image), () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            foreach (var mediaType in ManifestMediaTypes)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
            }

            return request;
        }, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await ExpectAsync(response, HttpStatusCode.OK, cancellationToken);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var computed = OciDigest.Sha256(content);
        if (image.Digest is { } pinned && OciDigest.IsSha256(pinned) && pinned != computed)
        {
            throw new InvalidDataException($"The manifest of {image} has digest {computed}, not the one asked for.");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null or "application/json" or "text/plain")
        {
            // OCI manifests may leave mediaType out of the HTTP answer and keep it only in the body.
            mediaType = MediaTypeOf(content) ?? OciMediaTypes.ImageManifest;
        }

        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { Length: > 0 } header
            ? header
            : computed;
        return new RegistryManifest(mediaType, content, digest);
    }

    /// <summary>Stores <paramref name="body"/> under <paramref name="image"/>'s tag (or digest) and returns its digest.</summary>
    public async Task<string> PutManifestAsync(ImageReference image, string mediaType, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        ArgumentNullException.ThrowIfNull(body);
        var uri = Endpoint(image, $"manifests/{image.Reference}");
        using var response = await SendAsync(image, Push(image), () =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpRequestMessage(HttpMethod.Put, uri) { Content = content };
        }, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ExpectAsync(response, HttpStatusCode.Created, cancellationToken);
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { Length: > 0 } digest
            ? digest
            : OciDigest.Sha256(body);
    }

    /// <summary><c>https://host</c>, or <c>http://host</c> for loopback and insecure registries.</summary>
    public Uri BaseUri(string registry)
    {
        ArgumentException.ThrowIfNullOrEmpty(registry);
        var host = registry == ImageReference.DefaultRegistry ? DockerHubApiHost : registry;
        var scheme = IsLoopback(registry) || InsecureRegistries.Contains(registry) ? "http" : "https";
        return new Uri($"{scheme}://{host}/");
    }

    private static bool IsLoopback(string registry)
    {
        var host = registry;
        if (host.StartsWith('['))
        {
            host = host[1..host.IndexOf(']', StringComparison.Ordinal)];
        }
        else if (host.LastIndexOf(':') is var colon and > 0)
        {
            host = host[..colon];
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
            (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    private Uri Endpoint(ImageReference repository, string path) => new(BaseUri(repository.Registry), $"v2/{repository.Repository}/{path}");

    private static string[] Pull(ImageReference repository) => [$"repository:{repository.Repository}:pull"];

    private static string[] Push(ImageReference repository) => [$"repository:{repository.Repository}:pull,push"];

    private async Task<Uri> StartUploadAsync(ImageReference repository, CancellationToken cancellationToken)
    {
        var uri = Endpoint(repository, "blobs/uploads/");
        using var response = await SendAsync(repository, Push(repository), () => new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent([]) }, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ExpectAsync(response, HttpStatusCode.Accepted, cancellationToken);
        return UploadLocation(response, uri);
    }

    private async Task CancelUploadAsync(ImageReference repository, Uri location, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(repository, Push(repository), () => new HttpRequestMessage(HttpMethod.Delete, location), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (e is RegistryException or OperationCanceledException)
        {
            // Best effort: the registry expires abandoned upload sessions itself.
        }
    }

    private async Task<Uri> PatchAsync(ImageReference repository, Uri location, long offset, long length, Func<HttpContent> body, CancellationToken cancellationToken)
    {
        var range = FormattableString.Invariant($"{offset}-{offset + length - 1}");
        using var response = await SendAsync(repository, Push(repository), () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = body() };
            request.Content.Headers.TryAddWithoutValidation("Content-Range", range);
            return request;
        }, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ExpectAsync(response, HttpStatusCode.Accepted, cancellationToken);
        return UploadLocation(response, location);
    }

    private async Task CommitAsync(ImageReference repository, Uri location, string digest, Func<HttpContent> body, CancellationToken cancellationToken)
    {
        var put = WithQuery(location, "digest=" + Uri.EscapeDataString(digest));
        using var response = await SendAsync(repository, Push(repository), () => new HttpRequestMessage(HttpMethod.Put, put) { Content = body() }, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ExpectAsync(response, HttpStatusCode.Created, cancellationToken);
    }

    /// <summary>Leaves no half-written upload session behind on the registry.</summary>
    private async Task CancelQuietlyAsync(ImageReference repository, Uri location)
    {
        using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await CancelUploadAsync(repository, location, cleanup.Token);
    }

    private static Uri UploadLocation(HttpResponseMessage response, Uri requestUri)
    {
        var location = response.Headers.Location
            ?? throw new RegistryException($"The registry answered {(int)response.StatusCode} to {response.RequestMessage?.Method} {requestUri.AbsolutePath} without a Location header.", response.StatusCode);

        // The spec allows relative Locations; resolve them against the request that returned them.
        return location.IsAbsoluteUri ? location : new Uri(requestUri, location);
    }

    private static Uri WithQuery(Uri uri, string parameter)
    {
        var builder = new UriBuilder(uri);
        builder.Query = builder.Query.Length > 1 ? builder.Query[1..] + "&" + parameter : parameter;
        return builder.Uri;
    }

    private static ByteArrayContent OctetStream(ByteArrayContent content)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static async Task EnsureEndAsync(Stream content, long read, long size, CancellationToken cancellationToken)
    {
        if (read < size)
        {
            throw new InvalidDataException($"The blob content ended after {read} bytes; {size} were announced.");
        }

        var probe = new byte[1];
        if (await content.ReadAsync(probe, cancellationToken) > 0)
        {
            throw new InvalidDataException($"The blob content is longer than the {size} bytes announced.");
        }
    }

    private static void VerifyDigest(IncrementalHash hash, string digest, ImageReference repository)
    {
        var actual = OciDigest.Sha256Prefix + Convert.ToHexStringLower(hash.GetHashAndReset());
        if (actual != digest)
        {
            throw new InvalidDataException($"Refusing to push blob {digest} to {repository.Name}: its content has digest {actual}.");
        }
    }

    private static string? MediaTypeOf(byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("mediaType", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : document.RootElement.TryGetProperty("manifests", out _) ? OciMediaTypes.ImageIndex : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Sends a request with the auth this client already holds for the registry and scope; on a 401 challenge, gets a
    /// bearer token (or switches to Basic) and retries once. <paramref name="create"/> builds a fresh request each time,
    /// which is why request bodies are byte arrays or file ranges (<see cref="FileRangeContent"/>), never one-shot streams.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(ImageReference repository, IReadOnlyList<string> scopes, Func<HttpRequestMessage> create, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var registry = repository.Registry;
        var tokenKey = registry + " " + string.Join(' ', scopes);
        var response = await SendOnceAsync(await AuthorizeAsync(create(), registry, tokenKey, cancellationToken), completion, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var challenge = AuthChallenge.Select(response.Headers.WwwAuthenticate);
        if (challenge is null)
        {
            return response;
        }

        if (challenge.IsBearer)
        {
            var realm = challenge["realm"];
            if (!Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
            {
                using (response)
                {
                    throw new RegistryException($"{registry} sent a Bearer challenge without a usable realm ('{realm}').", response.StatusCode);
                }
            }

            var challengeScopes = challenge["scope"]?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var request = new RegistryTokenRequest(registry, realmUri, challenge["service"], challengeScopes is { Length: > 0 } ? challengeScopes : scopes);
            response.Dispose();
            _tokens[tokenKey] = (await FetchTokenAsync(request, cancellationToken), request);
        }
        else
        {
            if (_credentials is null)
            {
                return response;
            }

            response.Dispose();
            _basicRegistries[registry] = true;
        }

        return await SendOnceAsync(await AuthorizeAsync(create(), registry, tokenKey, cancellationToken), completion, cancellationToken);
    }

    private async Task<HttpRequestMessage> AuthorizeAsync(HttpRequestMessage request, string registry, string tokenKey, CancellationToken cancellationToken)
    {
        if (_tokens.TryGetValue(tokenKey, out var cached))
        {
            if (cached.Token.ExpiresAt <= _time.GetUtcNow())
            {
                // The challenge that led to the token is remembered, so an expired token is renewed without first
                // collecting another 401.
                cached = (await FetchTokenAsync(cached.Request, cancellationToken), cached.Request);
                _tokens[tokenKey] = cached;
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", cached.Token.Value);
            return request;
        }

        if (_credentials is not null && _basicRegistries.ContainsKey(registry))
        {
            request.Headers.Authorization = BasicHeader(_credentials);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                return await _http.SendAsync(request, completion, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or Polly.ExecutionRejectedException)
            {
                // ExecutionRejectedException: the resilience pipeline's timeout or open circuit gave up on the registry.
                throw new RegistryException($"Could not reach {request.RequestUri?.GetLeftPart(UriPartial.Authority)} for {request.Method} {request.RequestUri?.AbsolutePath}: {e.Message}", null, null, e);
            }
        }
    }

    private async Task<RegistryToken> FetchTokenAsync(RegistryTokenRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _tokensFetched);
        if (_tokenSource is not null && await _tokenSource.GetTokenAsync(request, cancellationToken) is { } supplied)
        {
            return supplied;
        }

        var query = new StringBuilder();
        if (request.Service is { Length: > 0 } service)
        {
            query.Append("service=").Append(Uri.EscapeDataString(service));
        }

        foreach (var scope in request.Scopes)
        {
            query.Append(query.Length > 0 ? "&" : "").Append("scope=").Append(Uri.EscapeDataString(scope));
        }

        var builder = new UriBuilder(request.Realm);
        builder.Query = builder.Query.Length > 1 ? builder.Query[1..] + (query.Length > 0 ? "&" : "") + query : query.ToString();
        using var message = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (_credentials is not null)
        {
            message.Headers.Authorization = BasicHeader(_credentials);
        }

        using var response = await SendOnceAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var inner = await ErrorAsync(response, cancellationToken);
            throw new RegistryException(
                $"The token service {request.Realm.GetLeftPart(UriPartial.Path)} refused a token for {request.Registry} ({string.Join(' ', request.Scopes)}): {(int)response.StatusCode} {response.StatusCode}" +
                (_credentials is null ? " (no credentials were given)" : $" (as user '{_credentials.Username}')") + (inner.ErrorCode is null ? "" : $": {inner.ErrorCode}: {inner.RegistryMessage}") + ".",
                response.StatusCode, inner.Errors);
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var value = Text(root, "token") ?? Text(root, "access_token")
                ?? throw new RegistryException($"The token service {request.Realm.GetLeftPart(UriPartial.Path)} answered without a token.", response.StatusCode);

            // The Docker token spec's default lifetime is 60 seconds; renew a little early so a token never expires in flight.
            var lifetime = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) && seconds > 0 ? seconds : 60;
            var margin = Math.Min(10, lifetime / 10);
            return new RegistryToken(value, _time.GetUtcNow().AddSeconds(lifetime - margin));
        }
        catch (JsonException e)
        {
            throw new RegistryException($"The token service {request.Realm.GetLeftPart(UriPartial.Path)} answered with invalid JSON: {e.Message}", response.StatusCode, null, e);
        }

        static string? Text(JsonElement root, string name) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
    }

    private static AuthenticationHeaderValue BasicHeader(RegistryCredentials credentials) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            throw await ErrorAsync(response, cancellationToken);
        }
    }

    private static async Task<RegistryException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var errors = new List<RegistryError>();
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxErrorBodyBytes];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            if (read > 0)
            {
                using var document = JsonDocument.Parse(buffer.AsMemory(0, read));
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var error in list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                    {
                        errors.Add(new RegistryError(
                            error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString()! : "UNKNOWN",
                            error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString()! : "",
                            error.TryGetProperty("detail", out var detail) && detail.ValueKind != JsonValueKind.Null ? detail.ToString() : null));
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException)
        {
            // Not the spec's error JSON (or no body, as for HEAD): the status code alone has to do.
        }

        var request = response.RequestMessage;
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"The registry answered {(int)response.StatusCode} {response.StatusCode} to {request?.Method} {request?.RequestUri?.GetLeftPart(UriPartial.Path)}"));
        foreach (var error in errors)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {error.Code}: {error.Message}");
        }

        return new RegistryException(text.Append('.').ToString(), response.StatusCode, errors);
    }
}
