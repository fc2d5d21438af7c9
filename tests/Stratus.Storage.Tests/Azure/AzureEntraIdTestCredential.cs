using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Core;

namespace Stratus.Storage.Tests.Azure;

/// <summary>
/// Stands in for Entra ID: hands out a JWT shaped like an Entra ID v1 access token for Azure Storage, and counts how
/// often it is asked and for which scopes. The token is HS256-signed with a throwaway key; Azurite's
/// <c>--oauth basic</c> checks format, nbf/exp/iat, the issuer prefix and the audience, never the signature.
/// </summary>
public sealed class AzureEntraIdTestCredential(string audience = AzureEntraIdTestCredential.StorageAudience) : TokenCredential
{
    public const string StorageAudience = "https://storage.azure.com";

    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);
    private static readonly Guid TenantId = Guid.NewGuid();
    private readonly ConcurrentQueue<string> _scopes = new();
    private int _requestCount;

    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Every scope asked for, across all requests.</summary>
    public IReadOnlyCollection<string> RequestedScopes => _scopes;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        foreach (var scope in requestContext.Scopes)
        {
            _scopes.Enqueue(scope);
        }

        var now = DateTimeOffset.UtcNow;
        var expiresOn = now.AddHours(1);
        return new AccessToken(CreateJwt(now, expiresOn), expiresOn);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private string CreateJwt(DateTimeOffset now, DateTimeOffset expiresOn)
    {
        var header = new Dictionary<string, object> { ["typ"] = "JWT", ["alg"] = "HS256" };
        var payload = new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["iss"] = $"https://sts.windows.net/{TenantId}/",
            ["iat"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = expiresOn.ToUnixTimeSeconds(),
            ["tid"] = TenantId.ToString(),
            ["oid"] = Guid.NewGuid().ToString(),
            ["appid"] = Guid.NewGuid().ToString(),
            ["ver"] = "1.0",
        };
        var unsigned = Encode(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Encode(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = HMACSHA256.HashData(SigningKey, Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Encode(signature);
    }

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
