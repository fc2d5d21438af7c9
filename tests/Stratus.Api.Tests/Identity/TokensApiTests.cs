using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Api.Tests.Identity;

public sealed class TokensApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task CreateToken_Personal_ShowsSecretOnceAndListsWithoutIt()
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        var user = $"tok-{Guid.NewGuid():N}"[..20];
        var token = await new IdentityAdmin(admin).CreateUserWithTokenAsync(user, ct);
        using var client = api.CreateClient(token);

        using var created = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "laptop", expiresInDays = 7 }, ct);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        var secret = body.GetProperty("secret").GetString()!;
        var listed = await client.GetStringAsync(new Uri("/api/v1/tokens", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("stratus_pat_", secret, StringComparison.Ordinal);
        Assert.Equal($"user:{user}", body.GetProperty("token").GetProperty("owner").GetString());
        Assert.Contains("laptop", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("\"secret\"", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeToken_Own_StopsWorkingAtOnce()
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        var token = await new IdentityAdmin(admin).CreateUserWithTokenAsync($"rev-{Guid.NewGuid():N}"[..20], ct);
        using var client = api.CreateClient(token);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/whoami", ct);
        var id = me.GetProperty("token").GetProperty("id").GetString();

        using var revoked = await client.DeleteAsync(new Uri($"/api/v1/tokens/{id}", UriKind.Relative), ct);
        using var after = await client.GetAsync(new Uri("/api/v1/whoami", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task RevokeToken_SomeoneElses_IsNotFound()
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        var identity = new IdentityAdmin(admin);
        var victim = await identity.CreateUserWithTokenAsync($"vic-{Guid.NewGuid():N}"[..20], ct);
        var attacker = await identity.CreateUserWithTokenAsync($"att-{Guid.NewGuid():N}"[..20], ct);
        using var victimClient = api.CreateClient(victim);
        using var attackerClient = api.CreateClient(attacker);
        var id = (await victimClient.GetFromJsonAsync<JsonElement>("/api/v1/whoami", ct)).GetProperty("token").GetProperty("id").GetString();

        using var response = await attackerClient.DeleteAsync(new Uri($"/api/v1/tokens/{id}", UriKind.Relative), ct);
        using var stillWorks = await victimClient.GetAsync(new Uri("/api/v1/whoami", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    [Fact]
    public async Task Token_PastItsExpiry_IsRefusedNamingTheExpiry()
    {
        var ct = TestTimeout.Token();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var admin = factory.CreateClient();
        using var created = await admin.PostAsJsonAsync("/api/v1/tokens", new { name = "short", expiresInDays = 1 }, ct);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("secret").GetString();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        using var before = await client.GetAsync(new Uri("/api/v1/whoami", UriKind.Relative), ct);
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        using var after = await client.GetAsync(new Uri("/api/v1/whoami", UriKind.Relative), ct);
        var problem = await after.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_AfterTokensAreCreated_HoldsNoPlainToken()
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        var token = await new IdentityAdmin(admin).CreateUserWithTokenAsync($"hash-{Guid.NewGuid():N}"[..20], ct);
        using var client = api.CreateClient(token);
        using var used = await client.GetAsync(new Uri("/api/v1/whoami", UriKind.Relative), ct);

        var needles = new[] { token, token[12..], api.AdminToken, api.AdminToken[12..] };
        Assert.Empty(StoreScan.FilesContaining(api.DataPath, needles));
        Assert.NotEqual(0, StoreScan.ReadableFileCount(api.DataPath));
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
    }

    [Fact]
    public async Task TeamToken_ActsAsTheTeamWithItsGrants()
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        var team = $"tt-{Guid.NewGuid():N}"[..16];
        await new IdentityAdmin(admin).CreateTeamAsync(team, [], ct);
        using var created = await admin.PostAsJsonAsync($"/api/v1/teams/{team}/tokens", new { name = "ci" }, ct);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("secret").GetString()!;
        using var client = api.CreateClient(secret);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/whoami", ct);
        using var deniedBeforeGrant = await client.GetAsync(new Uri($"/api/v1/teams/{team}", UriKind.Relative), ct);
        await new IdentityAdmin(admin).GrantAsync($"team:{team}", "auditor", $"team:{team}", ct);
        using var allowedAfterGrant = await client.GetAsync(new Uri($"/api/v1/teams/{team}", UriKind.Relative), ct);
        using var personal = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "sneaky" }, ct);

        Assert.StartsWith("stratus_tt_", secret, StringComparison.Ordinal);
        Assert.Equal($"team:{team}", me.GetProperty("principal").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, deniedBeforeGrant.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowedAfterGrant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, personal.StatusCode);
    }

    [Fact]
    public async Task BasicAuth_TokenAsPassword_AuthenticatesAsTerraformHttpBackendSendsIt()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient(token: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("terraform:" + api.AdminToken)));

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/whoami", ct);

        Assert.Equal("user:admin", me.GetProperty("principal").GetString());
    }

    [Theory]
    [InlineData("{\"name\": \"Bad Name\"}", "token name")]
    [InlineData("{\"name\": \"ok\", \"expiresInDays\": 0}", "expiresInDays")]
    [InlineData("{\"name\": \"ok\", \"expiresInDays\": 4000}", "expiresInDays")]
    [InlineData("{\"name\": \"ok\", \"extra\": 1}", "$.extra")]
    [InlineData("{\"name\": ", "not valid JSON")]
    public async Task CreateToken_InvalidRequest_Returns400SayingWhatToFix(string json, string expected)
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await admin.PostAsync(new Uri("/api/v1/tokens", UriKind.Relative), content, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer stratus_pat_notarealtoken")]
    [InlineData("Bearer stratus_pat_0000000000000000000000000000000000000000000000")]
    [InlineData("Token abc")]
    [InlineData("Basic !!!")]
    [InlineData("Bearer")]
    public async Task Request_WithBadCredentials_Returns401Problem(string header)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient(token: null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);

        using var response = await client.GetAsync(new Uri("/api/v1/whoami", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
