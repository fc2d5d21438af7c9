using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Stratus.Api.Tests.Identity;

/// <summary>
/// A real OpenID Connect provider for tests, on Kestrel at <c>http://127.0.0.1:&lt;port&gt;</c>: it serves the discovery
/// document and a JWKS with one RSA key, and mints JWTs as Entra ID would (v2.0 claims), or subtly wrong ones.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string DefaultAudience = "api://stratus";
    public const string TenantId = "8f4c2a61-3d7e-4b0f-9a1c-5e2d6b7f8a90";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _foreignKey = RSA.Create(2048);
    private readonly JsonWebTokenHandler _handler = new();
    private readonly JsonWebTokenHandler _handlerWithoutDefaultTimes = new() { SetDefaultTimesOnTokenCreation = false };
    private int _metadataRequests;
    private int _keyRequests;

    private TestOidcProvider(WebApplication app)
    {
        _app = app;
        KeyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
    }

    /// <summary>The issuer, <c>http://127.0.0.1:&lt;port&gt;</c>: also the authority to configure.</summary>
    public string Issuer { get; private set; } = "";

    public string KeyId { get; }

    /// <summary>How often the discovery document was fetched: proof the API really asked.</summary>
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public int KeyRequests => Volatile.Read(ref _keyRequests);

    public static async Task<TestOidcProvider> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        // Port 0: Kestrel picks a free port and reports it, so there is no window for another process to take it.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var provider = new TestOidcProvider(app);
        app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        app.MapGet("/discovery/v2.0/keys", provider.Keys);

        await app.StartAsync(cancellationToken);
        // Kestrel has replaced port 0 with the one it bound.
        var address = app.Urls.Single();
        provider.Issuer = address.TrimEnd('/');
        return provider;
    }

    /// <summary>A token for <paramref name="preferredUsername"/> that the API should accept.</summary>
    public string Mint(string preferredUsername, params string[] groups) =>
        Mint(new TestJwt(preferredUsername) { Name = preferredUsername, Groups = groups });

    public string Mint(TestJwt jwt)
    {
        var now = DateTime.UtcNow;
        var issuedAt = jwt.IssuedAt ?? jwt.NotBefore ?? (jwt.Expires is { } expires && expires <= now ? expires.AddHours(-1) : now);
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["ver"] = "2.0",
            ["tid"] = TenantId,
            ["oid"] = Guid.NewGuid().ToString(),
            ["sub"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
        };
        Add(claims, "preferred_username", jwt.PreferredUsername);
        Add(claims, "name", jwt.Name);
        Add(claims, "email", jwt.Email);
        if (jwt.Groups is { Count: > 0 } groups)
        {
            claims["groups"] = groups.ToArray();
        }

        foreach (var (type, value) in jwt.Claims ?? new Dictionary<string, object>())
        {
            claims[type] = value;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer ?? Issuer,
            Audience = jwt.Audience,
            IssuedAt = issuedAt,
            NotBefore = jwt.NotBefore ?? issuedAt,
            Expires = jwt.WithoutExpiry ? null : jwt.Expires ?? issuedAt.AddHours(1),
            Claims = claims,
            SigningCredentials = jwt.SigningKey switch
            {
                TestSigningKey.Provider => Credentials(_key),
                TestSigningKey.Foreign => Credentials(_foreignKey),
                _ => null,
            },
        };
        return (jwt.WithoutExpiry ? _handlerWithoutDefaultTimes : _handler).CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
        _foreignKey.Dispose();
    }

    private IResult Discovery()
    {
        Interlocked.Increment(ref _metadataRequests);
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{Issuer}/oauth2/v2.0/token",
            ["jwks_uri"] = $"{Issuer}/discovery/v2.0/keys",
            ["response_types_supported"] = new[] { "code", "id_token", "code id_token", "id_token token" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
            ["claims_supported"] = new[] { "sub", "iss", "aud", "exp", "iat", "nbf", "name", "preferred_username", "email", "oid", "tid", "ver", "groups" },
            ["tenant_region_scope"] = "EU",
        });
    }

    private IResult Keys()
    {
        Interlocked.Increment(ref _keyRequests);
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return Results.Json(new
        {
            keys = new[]
            {
                new Dictionary<string, object>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = SecurityAlgorithms.RsaSha256,
                    ["kid"] = KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        });
    }

    private SigningCredentials Credentials(RSA rsa) => new(new RsaSecurityKey(rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);

    private static void Add(Dictionary<string, object> claims, string type, string? value)
    {
        if (value is not null)
        {
            claims[type] = value;
        }
    }
}
