using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Testing;

namespace Stratus.Api.Tests.Identity;

/// <summary>
/// The API with OIDC sign-in pointed at a <see cref="TestOidcProvider"/> on loopback: the same discovery, JWKS fetch and
/// JWT validation as against Entra ID, on the embedded store.
/// </summary>
public sealed class OidcApiFixture : IAsyncLifetime
{
    private readonly StratusApiFixture _api = new();
    private TestOidcProvider? _provider;
    private WebApplicationFactory<Program>? _factory;

    public TestOidcProvider Provider => _provider ?? throw new InvalidOperationException("The fixture is not initialized.");

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The fixture is not initialized.");

    public string AdminToken => _api.AdminToken;

    public async Task InitializeAsync()
    {
        _provider = await TestOidcProvider.StartAsync(TestTimeout.Token());
        _factory = _api.WithWebHostBuilder(b => b
            .UseSetting("Stratus:Identity:Oidc:Authority", _provider.Issuer)
            .UseSetting("Stratus:Identity:Oidc:Audience", TestOidcProvider.DefaultAudience)
            .UseSetting("Stratus:Identity:Oidc:RequireHttpsMetadata", "false")
            .ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>()));
    }

    /// <summary>A client with the bootstrap admin's API token.</summary>
    public HttpClient CreateAdminClient() => Factory.CreateClient();

    /// <summary>A client that sends <paramref name="token"/> as its bearer token (a JWT, or anything else).</summary>
    public HttpClient CreateClient(string token)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        // Disposes the derived factory (the running API) too, then removes the data folder.
        await _api.DisposeAsync();
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}

public sealed class OidcAuthenticationTests(OidcApiFixture fixture) : IClassFixture<OidcApiFixture>
{
    private static readonly Uri WhoAmI = new("/api/v1/whoami", UriKind.Relative);

    [Fact]
    public async Task WhoAmI_ValidJwt_Returns200AsLowerCasedOidcUser()
    {
        var ct = TestTimeout.Token();
        var id = Unique();
        var jwt = fixture.Provider.Mint(new TestJwt($"Alice.{id}@Contoso.COM") { Name = "Alice Example", Email = $"alice.{id}@contoso.com" });
        using var client = fixture.CreateClient(jwt);

        using var response = await client.GetAsync(WhoAmI, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"user:alice.{id}@contoso.com", body.GetProperty("principal").GetString());
        Assert.Equal("oidc", body.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("token").ValueKind);
        Assert.True(fixture.Provider.MetadataRequests > 0, "The API never fetched the provider's discovery document.");
        Assert.True(fixture.Provider.KeyRequests > 0, "The API never fetched the provider's JWKS.");
    }

    [Fact]
    public async Task WhoAmI_ValidJwt_RecordsTheUserAsAnOidcUser()
    {
        var ct = TestTimeout.Token();
        var name = $"bob.{Unique()}@contoso.com";
        var group = Guid.NewGuid().ToString();
        using var user = fixture.CreateClient(fixture.Provider.Mint(new TestJwt(name) { Name = "Bob Example", Email = name, Groups = [group] }));
        using var admin = fixture.CreateAdminClient();

        using var signIn = await user.GetAsync(WhoAmI, ct);
        var recorded = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/users/{name}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("Bob Example", recorded.GetProperty("displayName").GetString());
        Assert.Equal(name, recorded.GetProperty("email").GetString());
        Assert.False(recorded.GetProperty("disabled").GetBoolean());
        Assert.Equal([group], recorded.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task WhoAmI_JwtGroupsIncludeATeamsGroup_ListsTheTeam()
    {
        var ct = TestTimeout.Token();
        var group = Guid.NewGuid().ToString();
        var team = await CreateTeamAsync(group, ct);
        var unrelated = await CreateTeamAsync(Guid.NewGuid().ToString(), ct);
        var jwt = fixture.Provider.Mint($"carol.{Unique()}@contoso.com", Guid.NewGuid().ToString(), group);
        using var client = fixture.CreateClient(jwt);

        var body = await client.GetFromJsonAsync<JsonElement>(WhoAmI, ct);
        var teams = body.GetProperty("teams").EnumerateArray().Select(t => t.GetString()).ToList();

        Assert.Contains(team, teams);
        Assert.DoesNotContain(unrelated, teams);
    }

    [Fact]
    public async Task GetTeam_GrantToTheGroupsTeam_AllowsThatTeamOnly()
    {
        var ct = TestTimeout.Token();
        var group = Guid.NewGuid().ToString();
        var team = await CreateTeamAsync(group, ct);
        var other = await CreateTeamAsync(Guid.NewGuid().ToString(), ct);
        using var admin = fixture.CreateAdminClient();
        using var grant = await admin.PostAsJsonAsync(new Uri("/api/v1/grants", UriKind.Relative),
            new { principal = $"team:{team}", role = "team-admin", scope = $"team:{team}" }, ct);
        Assert.Equal(HttpStatusCode.Created, grant.StatusCode);
        using var member = fixture.CreateClient(fixture.Provider.Mint($"dave.{Unique()}@contoso.com", group));
        using var outsider = fixture.CreateClient(fixture.Provider.Mint($"erin.{Unique()}@contoso.com", Guid.NewGuid().ToString()));

        using var own = await member.GetAsync(new Uri($"/api/v1/teams/{team}", UriKind.Relative), ct);
        using var notOwn = await member.GetAsync(new Uri($"/api/v1/teams/{other}", UriKind.Relative), ct);
        using var notMember = await outsider.GetAsync(new Uri($"/api/v1/teams/{team}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(team, (await own.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, notOwn.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notMember.StatusCode);
    }

    // Each flaw must be refused for its own reason, not by accident of another check.
    [Theory]
    [InlineData("wrong-issuer", "Issuer validation failed")]
    [InlineData("wrong-audience", "Audience validation failed")]
    [InlineData("no-audience", "Audience validation failed")]
    [InlineData("expired", "The token is expired")]
    [InlineData("not-yet-valid", "The token is not yet valid")]
    [InlineData("no-expiry", "missing an Expiration Time")]
    [InlineData("foreign-key", "Signature validation failed")]
    [InlineData("unsigned", "Signature validation failed")]
    [InlineData("garbage", "not a well-formed JWT")]
    [InlineData("garbage-in-three-parts", "not a well-formed JWT")]
    [InlineData("no-username", "'preferred_username' claim cannot name a Stratus user")]
    [InlineData("username-not-a-user-name", "'preferred_username' claim cannot name a Stratus user")]
    public async Task WhoAmI_RefusedJwt_Returns401ProblemWithReason(string flaw, string reason)
    {
        var ct = TestTimeout.Token();
        using var client = fixture.CreateClient(FlawedToken(flaw));

        using var response = await client.GetAsync(WhoAmI, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task WhoAmI_JwtNamingALocalUser_IsRefusedNotMappedOntoIt()
    {
        var ct = TestTimeout.Token();
        using var client = fixture.CreateClient(fixture.Provider.Mint("Admin"));

        using var response = await client.GetAsync(WhoAmI, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("local Stratus user", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoAmI_OneRefusedJwtRepeated_LocksThatTokenOut()
    {
        var ct = TestTimeout.Token();
        using var client = fixture.CreateClient("not.a.jwt");
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, "10.9.8.7");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 6; i++)
        {
            using var response = await client.GetAsync(WhoAmI, ct);
            statuses.Add(response.StatusCode);
        }

        // The fifth refusal uses up the token's last attempt and locks it.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), statuses.Take(4));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(4));
    }

    [Fact]
    public async Task WhoAmI_ProviderUnreachable_Returns401NotServerError()
    {
        var ct = TestTimeout.Token();
        await using var api = new StratusApiFixture();
        var closedPort = FreePort.Next();
        var factory = api.WithWebHostBuilder(b => b
            .UseSetting("Stratus:Identity:Oidc:Authority", $"http://127.0.0.1:{closedPort}")
            .UseSetting("Stratus:Identity:Oidc:Audience", TestOidcProvider.DefaultAudience)
            .UseSetting("Stratus:Identity:Oidc:RequireHttpsMetadata", "false"));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Provider.Mint($"olga.{Unique()}@contoso.com"));

        using var response = await client.GetAsync(WhoAmI, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Mint_Unsigned_HasAlgNoneAndNoSignature()
    {
        var token = fixture.Provider.Mint(new TestJwt("nobody@contoso.com") { SigningKey = TestSigningKey.None });
        var parts = token.Split('.');
        var header = JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[0])).RootElement;

        Assert.Equal(3, parts.Length);
        Assert.Equal("none", header.GetProperty("alg").GetString());
        Assert.Empty(parts[2]);
    }

    [Fact]
    public async Task WhoAmI_UserDisabledAfterFirstSignIn_Returns401()
    {
        var ct = TestTimeout.Token();
        var name = $"frank.{Unique()}@contoso.com";
        using var user = fixture.CreateClient(fixture.Provider.Mint(name));
        using var admin = fixture.CreateAdminClient();
        using var first = await user.GetAsync(WhoAmI, ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var disable = await admin.PatchAsJsonAsync(new Uri($"/api/v1/users/{name}", UriKind.Relative), new { disabled = true }, ct);
        using var sameToken = await user.GetAsync(WhoAmI, ct);
        using var freshClient = fixture.CreateClient(fixture.Provider.Mint(name));
        using var freshToken = await freshClient.GetAsync(WhoAmI, ct);

        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, sameToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, freshToken.StatusCode);
        Assert.Equal("application/problem+json", freshToken.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WhoAmI_RefusedJwt_IsRecordedAsLoginFailedEvent()
    {
        var ct = TestTimeout.Token();
        var agent = $"oidc-tests/{Unique()}";
        using var client = fixture.CreateClient(fixture.Provider.Mint(new TestJwt($"mallory.{Unique()}@contoso.com") { SigningKey = TestSigningKey.Foreign }));
        client.DefaultRequestHeaders.UserAgent.ParseAdd(agent);
        using var admin = fixture.CreateAdminClient();

        using var refused = await client.GetAsync(WhoAmI, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // Events reach the store through the events queue; poll until this one shows, bounded by the test's timeout.
        JsonElement? recorded = null;
        while (recorded is null)
        {
            await Task.Delay(100, ct);
            var page = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/events?target=user:unknown&limit=200", UriKind.Relative), ct);
            recorded = page.GetProperty("events").EnumerateArray()
                .Where(e => e.GetProperty("data").GetString()?.Contains(agent, StringComparison.Ordinal) == true)
                .Select(e => (JsonElement?)e)
                .FirstOrDefault();
        }

        var e = recorded.Value;
        var data = JsonDocument.Parse(e.GetProperty("data").GetString()!).RootElement;
        Assert.Equal("identity.login.failed", e.GetProperty("kind").GetString());
        Assert.Equal("failed", e.GetProperty("status").GetString());
        Assert.Equal("anonymous", e.GetProperty("actor").GetString());
        Assert.Equal("oidc", data.GetProperty("method").GetString());
        Assert.Equal(agent, data.GetProperty("userAgent").GetString());
        Assert.False(string.IsNullOrWhiteSpace(data.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task WhoAmI_StratusApiTokenWithOidcEnabled_Returns200AsTokenCaller()
    {
        var ct = TestTimeout.Token();
        using var admin = fixture.CreateAdminClient();

        using var response = await admin.GetAsync(WhoAmI, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("user:admin", body.GetProperty("principal").GetString());
        Assert.Equal("token", body.GetProperty("method").GetString());
    }

    [Fact]
    public async Task WhoAmI_PersonalTokenOfAnOidcUser_Returns200AsThatUser()
    {
        var ct = TestTimeout.Token();
        var name = $"grace.{Unique()}@contoso.com";
        using var oidc = fixture.CreateClient(fixture.Provider.Mint(name));
        using var created = await oidc.PostAsJsonAsync(new Uri("/api/v1/tokens", UriKind.Relative), new { name = "ci", expiresInDays = 1 }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("secret").GetString()!;
        using var client = fixture.CreateClient(secret);

        var body = await client.GetFromJsonAsync<JsonElement>(WhoAmI, ct);

        Assert.Equal($"user:{name}", body.GetProperty("principal").GetString());
        Assert.Equal("token", body.GetProperty("method").GetString());
    }

    private string FlawedToken(string flaw)
    {
        var provider = fixture.Provider;
        var jwt = new TestJwt($"oscar.{Unique()}@contoso.com");
        var now = DateTime.UtcNow;
        return flaw switch
        {
            "wrong-issuer" => provider.Mint(jwt with { Issuer = $"https://login.microsoftonline.com/{TestOidcProvider.TenantId}/v2.0" }),
            "wrong-audience" => provider.Mint(jwt with { Audience = "api://someone-else" }),
            "no-audience" => provider.Mint(jwt with { Audience = null }),
            // Well beyond the API's two minutes of clock skew.
            "expired" => provider.Mint(jwt with { Expires = now.AddMinutes(-10) }),
            "not-yet-valid" => provider.Mint(jwt with { NotBefore = now.AddMinutes(10), Expires = now.AddMinutes(70) }),
            "no-expiry" => provider.Mint(jwt with { WithoutExpiry = true }),
            "foreign-key" => provider.Mint(jwt with { SigningKey = TestSigningKey.Foreign }),
            "unsigned" => provider.Mint(jwt with { SigningKey = TestSigningKey.None }),
            "garbage" => "this-is-not-a-jwt",
            "garbage-in-three-parts" => "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2lnbmF0dXJl",
            "no-username" => provider.Mint(jwt with { PreferredUsername = null }),
            "username-not-a-user-name" => provider.Mint(jwt with { PreferredUsername = "Oscar Not/A Name" }),
            _ => throw new ArgumentOutOfRangeException(nameof(flaw), flaw, "Unknown token flaw."),
        };
    }

    private async Task<string> CreateTeamAsync(string group, CancellationToken cancellationToken)
    {
        var name = $"oidc-{Unique()}";
        using var admin = fixture.CreateAdminClient();
        using var response = await admin.PostAsJsonAsync(new Uri("/api/v1/teams", UriKind.Relative), new { name, groups = new[] { group } }, cancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return name;
    }

    private static string Unique() => UniqueNames.Next("", 8);
}
