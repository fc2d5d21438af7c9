using Azure.Core;
using Azure.Identity;

namespace Stratus.Storage.Azure;

/// <summary>
/// Where an account's three services live and how to authenticate to them: a SharedKey, a SAS token, or an Entra ID
/// token credential. Parsed from a connection string (including <c>UseDevelopmentStorage=true</c>) or built from an
/// account name alone, as Functions' <c>AzureWebJobsStorage__accountName</c> does.
/// </summary>
/// <remarks>
/// Parsed here rather than by each SDK client: one parse validates the settings at start with messages that name the
/// setting to fix, and gives the table, blob and queue clients the same endpoints and credential.
/// </remarks>
internal sealed record AzureStorageConnection(
    string AccountName,
    Uri BlobEndpoint,
    Uri QueueEndpoint,
    Uri TableEndpoint,
    byte[]? AccountKey,
    string? SasToken,
    TokenCredential? TokenCredential)
{
    public const string DevelopmentAccountName = "devstoreaccount1";
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static AzureStorageConnection Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StorageConfigurationException("The storage connection string is empty. Set AzureWebJobsStorage, or AzureWebJobsStorage__accountName to use a managed identity.");
        }

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new StorageConfigurationException($"The storage connection string has a malformed part '{Redact(segment)}'; each part must be Name=Value, separated by ';'.");
            }

            var name = segment[..equals].Trim();
            if (!settings.TryAdd(name, segment[(equals + 1)..].Trim()))
            {
                throw new StorageConfigurationException($"The storage connection string sets '{name}' twice.");
            }
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            var proxy = settings.TryGetValue("DevelopmentStorageProxyUri", out var p) ? ParseUri(p, "DevelopmentStorageProxyUri") : new Uri("http://127.0.0.1");
            var host = $"{proxy.Scheme}://{proxy.Host}";
            return new AzureStorageConnection(
                DevelopmentAccountName,
                new Uri($"{host}:10000/{DevelopmentAccountName}"),
                new Uri($"{host}:10001/{DevelopmentAccountName}"),
                new Uri($"{host}:10002/{DevelopmentAccountName}"),
                Convert.FromBase64String(DevelopmentAccountKey),
                null,
                null);
        }

        settings.TryGetValue("AccountName", out var account);
        var key = settings.TryGetValue("AccountKey", out var keyText) ? ParseKey(keyText) : null;
        var sas = settings.TryGetValue("SharedAccessSignature", out var sasText) ? sasText.TrimStart('?') : null;
        if (key is null && sas is null)
        {
            throw new StorageConfigurationException("The storage connection string has neither AccountKey nor SharedAccessSignature. Add one, or use AzureWebJobsStorage__accountName for a managed identity.");
        }

        if (key is not null && string.IsNullOrEmpty(account))
        {
            throw new StorageConfigurationException("The storage connection string has an AccountKey but no AccountName.");
        }

        var protocol = settings.TryGetValue("DefaultEndpointsProtocol", out var proto) ? proto.ToLowerInvariant() : "https";
        if (protocol is not ("http" or "https"))
        {
            throw new StorageConfigurationException($"DefaultEndpointsProtocol must be http or https, not '{protocol}'.");
        }

        var suffix = settings.TryGetValue("EndpointSuffix", out var s) ? s : "core.windows.net";
        Uri Endpoint(string service, string setting)
        {
            if (settings.TryGetValue(setting, out var explicitEndpoint))
            {
                return ParseUri(explicitEndpoint, setting);
            }

            if (string.IsNullOrEmpty(account))
            {
                throw new StorageConfigurationException($"The storage connection string needs AccountName or {setting}.");
            }

            return new Uri($"{protocol}://{account}.{service}.{suffix}");
        }

        var blob = Endpoint("blob", "BlobEndpoint");
        var queue = Endpoint("queue", "QueueEndpoint");
        var table = Endpoint("table", "TableEndpoint");
        return new AzureStorageConnection(account ?? InferAccountName(blob), blob, queue, table, key, sas, null);
    }

    /// <summary>The identity-based form: endpoints derived from the account name (or given explicitly), Entra ID tokens.</summary>
    public static AzureStorageConnection FromIdentity(string? accountName, Uri? blobEndpoint, Uri? queueEndpoint, Uri? tableEndpoint, TokenCredential credential)
    {
        if (string.IsNullOrWhiteSpace(accountName) && (blobEndpoint is null || queueEndpoint is null || tableEndpoint is null))
        {
            throw new StorageConfigurationException("Identity-based storage needs AzureWebJobsStorage__accountName, or all three of __blobServiceUri, __queueServiceUri and __tableServiceUri.");
        }

        return new AzureStorageConnection(
            accountName ?? InferAccountName(blobEndpoint!),
            blobEndpoint ?? new Uri($"https://{accountName}.blob.core.windows.net"),
            queueEndpoint ?? new Uri($"https://{accountName}.queue.core.windows.net"),
            tableEndpoint ?? new Uri($"https://{accountName}.table.core.windows.net"),
            null,
            null,
            credential);
    }

    /// <summary>A credential for the account-name form: a user-assigned identity when a client id is given, else the default chain.</summary>
    public static TokenCredential DefaultCredential(string? managedIdentityClientId) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = managedIdentityClientId });

    /// <summary>
    /// The credential the Functions convention names: <c>__credential=managedidentity</c> is the managed identity alone
    /// (user-assigned with <c>__clientId</c>, else system-assigned); unset is <see cref="DefaultCredential"/>.
    /// </summary>
    public static TokenCredential Credential(string? credential, string? managedIdentityClientId)
    {
        if (!IsManagedIdentity(credential))
        {
            return DefaultCredential(managedIdentityClientId);
        }

        return new ManagedIdentityCredential(string.IsNullOrWhiteSpace(managedIdentityClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId));
    }

    public static bool IsKnownCredential(string? credential) => string.IsNullOrWhiteSpace(credential) || IsManagedIdentity(credential);

    private static bool IsManagedIdentity(string? credential) => string.Equals(credential?.Trim(), "managedidentity", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{AccountName} ({BlobEndpoint}, {QueueEndpoint}, {TableEndpoint})";

    private static byte[] ParseKey(string key)
    {
        try
        {
            return Convert.FromBase64String(key);
        }
        catch (FormatException ex)
        {
            throw new StorageConfigurationException("The storage connection string's AccountKey is not valid Base64. Copy it again from the portal or `az storage account keys list`.", ex);
        }
    }

    private static Uri ParseUri(string value, string setting) =>
        Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new StorageConfigurationException($"{setting} must be an absolute http(s) URL; '{value}' is not.");

    // Path-style endpoints (Azurite, custom domains) carry the account as the first path segment.
    private static string InferAccountName(Uri endpoint)
    {
        var path = endpoint.AbsolutePath.Trim('/');
        return path.Length > 0 ? path.Split('/')[0] : endpoint.Host.Split('.')[0];
    }

    private static string Redact(string segment) => segment.Length > 12 ? segment[..12] + "…" : segment;
}
