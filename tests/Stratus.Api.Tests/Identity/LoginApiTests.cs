using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Testing;

namespace Stratus.Api.Tests.Identity;

/// <summary>Password sign-in.</summary>
public sealed class LoginApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    internal const string Password = "correct horse battery staple";

    [Fact]
    public async Task Login_CorrectPassword_ReturnsAShortLivedWorkingToken()
    {
        var ct = TestTimeout.Token();
        var user = await CreateUserAsync(ct);
        using var anonymous = api.CreateClient(token: null);

        using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = user, password = Password }, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var client = api.CreateClient(body.GetProperty("secret").GetString());
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/whoami", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("token").GetProperty("expiresAt").GetDateTimeOffset() < DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal($"user:{user}", me.GetProperty("principal").GetString());
    }

    [Fact]
    public async Task Login_UnknownUserOrWrongPassword_SameRefusal()
    {
        var ct = TestTimeout.Token();
        var user = await CreateUserAsync(ct);
        using var anonymous = api.CreateClient(token: null);

        using var wrong = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = user, password = "not the password!" }, ct);
        using var unknown = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = "nobody-" + user, password = "not the password!" }, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(
            (await wrong.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("detail").GetString(),
            (await unknown.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"name\": \"not a name!\", \"password\": \"x\"}")]
    [InlineData("{\"name\": \"someone\"}")]
    [InlineData("not json")]
    public async Task Login_InvalidBody_Returns400(string json)
    {
        var ct = TestTimeout.Token();
        using var anonymous = api.CreateClient(token: null);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await anonymous.PostAsync(new Uri("/api/v1/auth/login", UriKind.Relative), content, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<string> CreateUserAsync(CancellationToken cancellationToken)
    {
        var user = $"login-{Guid.NewGuid():N}"[..20];
        using var admin = api.CreateClient();
        await new IdentityAdmin(admin).SendAsync(HttpMethod.Post, "/api/v1/users", new { name = user, password = Password }, cancellationToken);
        return user;
    }
}
