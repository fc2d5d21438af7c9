using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Stratus.Storage.AzureRest;

/// <summary>One service endpoint (blob, queue or table) behind an Azure.Core pipeline with auth, retries and logging.</summary>
internal sealed class AzureStorageTransport
{
    private const string StorageScope = "https://storage.azure.com/.default";
    private readonly HttpPipeline _pipeline;
    private readonly string _serviceVersion;

    public AzureStorageTransport(AzureStorageConnection connection, Uri endpoint, bool tableService, AzureStorageClientOptions options)
    {
        Endpoint = endpoint;
        _serviceVersion = options.ServiceVersion;
        HttpPipelinePolicy auth = connection switch
        {
            { AccountKey: { } key } => new SharedKeySigningPolicy(connection.AccountName, key, tableService),
            { SasToken: { } sas } => new SasTokenPolicy(sas),
            { TokenCredential: { } credential } => new BearerTokenAuthenticationPolicy(credential, StorageScope),
            _ => throw new StorageConfigurationException("The storage connection has no key, SAS token or token credential."),
        };
        _pipeline = HttpPipelineBuilder.Build(options, auth);
    }

    public Uri Endpoint { get; }

    /// <summary>
    /// A request to <c>endpoint/path?query</c>. Each '/'-separated segment of the path is escaped here (so a blob's
    /// virtual folders stay folders), unless the caller escaped the path already.
    /// </summary>
    public HttpMessage CreateMessage(RequestMethod method, string path, string? query = null, bool escapePath = true)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(Endpoint);
        if (path.Length > 0)
        {
            // An endpoint given with a trailing slash (as the portal shows them) already ends in one.
            if (!request.Uri.Path.EndsWith('/'))
            {
                request.Uri.AppendPath("/", escape: false);
            }

            request.Uri.AppendPath(escapePath ? string.Join('/', path.Split('/').Select(Uri.EscapeDataString)) : path, escape: false);
        }

        if (!string.IsNullOrEmpty(query))
        {
            request.Uri.Query = "?" + query;
        }

        request.Headers.SetValue("x-ms-version", _serviceVersion);
        return message;
    }

    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken);
        return message.Response;
    }

    /// <summary>A query string from name/value pairs; values are URL-encoded (the SharedKey signature decodes them) and nulls left out.</summary>
    public static string Query(params (string Name, string? Value)[] parameters) =>
        string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));

    /// <summary>Turns a failed response into the typed exception for its status, with the service's code and message.</summary>
    public static StorageException ToException(Response response, string subject, string? hint = null)
    {
        var (code, serviceMessage) = ReadError(response);
        var text = $"{subject}: {serviceMessage} ({code}, HTTP {response.Status}).";
        if (hint is not null)
        {
            text += " " + hint;
        }

        return StorageException.FromStatus(response.Status, code, text);
    }

    internal static (string Code, string Message) ReadError(Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        var body = BufferedBody(response);
        string? code = headerCode;
        string? message = null;
        try
        {
            if (body.StartsWith('{'))
            {
                if (ReadODataError(body) is { } odata)
                {
                    code ??= odata.Code;
                    message = odata.Message;
                }
            }
            else if (body.Contains("<Error", StringComparison.Ordinal))
            {
                var xml = XDocument.Parse(body).Root;
                code ??= xml?.Element("Code")?.Value;
                message = xml?.Element("Message")?.Value?.Split('\n')[0].Trim();

                // Auth failures say why only here ("Invalid token audience."); without it a 403 is a guessing game.
                if (xml?.Element("AuthenticationErrorDetail")?.Value is { Length: > 0 } detail)
                {
                    message += " " + detail.Trim();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or System.Xml.XmlException or KeyNotFoundException or InvalidOperationException)
        {
            // Not a storage error body (a proxy's page, say): fall back to the status line.
        }

        message = (message ?? response.ReasonPhrase).Split('\n')[0].Trim();
        return (code ?? response.ReasonPhrase.Replace(" ", string.Empty, StringComparison.Ordinal), message);
    }

    /// <summary>The code and message of a Table service JSON error body (<c>{"odata.error":{…}}</c>), if it is one.</summary>
    internal static (string Code, string Message)? ReadODataError(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("odata.error", out var error))
            {
                return null;
            }

            return (error.GetProperty("code").GetString() ?? "Unknown", error.GetProperty("message").GetProperty("value").GetString() ?? string.Empty);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    // A streamed response (BufferResponse = false) has no buffered content; the error code header still tells.
    private static string BufferedBody(Response response)
    {
        try
        {
            return response.Content?.ToString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            return string.Empty;
        }
    }

    internal static ETag ReadETag(Response response) =>
        response.Headers.ETag ?? (response.Headers.TryGetValue("ETag", out var value) ? new ETag(value) : default);
}
