using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Stratus.Api.Tests.Identity;
using Stratus.Identity.Stores;
using Stratus.Testing;

namespace Stratus.Api.Tests.Terraform;

/// <summary>login.v1 over HTTP, in process: the checks on the authorization request, the sign-in form, and the code exchange.</summary>
public sealed class TerraformLoginApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    private const string Redirect = "http://localhost:10000/login";

    [Fact]
    public async Task Discovery_Get_NamesEveryTerraformService()
    {
        using var anonymous = api.CreateClient(token: null);

        var document = await anonymous.GetFromJsonAsync<JsonElement>("/.well-known/terraform.json", TestTimeout.Token());

        Assert.Equal("/api/registry/modules/v1/", document.GetProperty("modules.v1").GetString());
        Assert.Equal("/api/registry/providers/v1/", document.GetProperty("providers.v1").GetString());
        Assert.Equal("/api/tfe/v2/", document.GetProperty("tfe.v2.1").GetString());
        Assert.Equal("/api/oauth/token", document.GetProperty("login.v1").GetProperty("token").GetString());
        Assert.Equal([10000, 10010], document.GetProperty("login.v1").GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
    }

    [Theory]
    [InlineData("client_id", "someone-else", "client_id")]
    [InlineData("redirect_uri", "https://evil.example/steal", "redirect_uri")]
    [InlineData("redirect_uri", "http://localhost:8080/login", "redirect_uri")]
    [InlineData("code_challenge_method", "plain", "S256")]
    [InlineData("code_challenge", "short", "code_challenge")]
    [InlineData("response_type", "token", "response_type")]
    public async Task Authorize_BadRequest_Is400NamingTheParameterAndNeverRedirects(string parameter, string value, string named)
    {
        using var anonymous = api.CreateClient(token: null);
        var query = AuthorizeQuery(Challenge(Verifier()), "s1");
        query[parameter] = value;

        using var response = await anonymous.GetAsync(AuthorizeUri(query), TestTimeout.Token());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestTimeout.Token());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_GoodRequest_ShowsTheSignInFormWithTheRequestEncoded()
    {
        using var anonymous = api.CreateClient(token: null);

        using var response = await anonymous.GetAsync(AuthorizeUri(AuthorizeQuery(Challenge(Verifier()), "<script>\"x\"")), TestTimeout.Token());
        var html = await response.Content.ReadAsStringAsync(TestTimeout.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("name=\"password\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"&lt;script&gt;&quot;x&quot;\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("form-action 'self' http://localhost:*", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInAndToken_RightPasswordAndVerifier_GiveAWorkingTokenOnce()
    {
        var ct = TestTimeout.Token();
        var user = await CreateUserAsync(ct);
        var verifier = Verifier();
        using var browser = Browser();

        var code = await SignInAsync(browser, user, LoginApiTests.Password, Challenge(verifier), ct);
        using var token = await browser.PostAsync("/api/oauth/token", TokenForm(code, verifier), ct);
        var body = await token.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var again = await browser.PostAsync("/api/oauth/token", TokenForm(code, verifier), ct);
        using var asUser = api.CreateClient(body.GetProperty("access_token").GetString());
        var me = await asUser.GetFromJsonAsync<JsonElement>("/api/v1/whoami", ct);

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal($"user:{user}", me.GetProperty("principal").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("invalid_grant", (await again.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_WrongVerifier_IsRefusedAndSpendsTheCode()
    {
        var ct = TestTimeout.Token();
        var user = await CreateUserAsync(ct);
        var verifier = Verifier();
        using var browser = Browser();
        var code = await SignInAsync(browser, user, LoginApiTests.Password, Challenge(verifier), ct);

        using var wrong = await browser.PostAsync("/api/oauth/token", TokenForm(code, Verifier()), ct);
        using var right = await browser.PostAsync("/api/oauth/token", TokenForm(code, verifier), ct);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsTheFormAgainWith401AndNoCode()
    {
        var ct = TestTimeout.Token();
        var user = await CreateUserAsync(ct);
        using var browser = Browser();
        var form = AuthorizeQuery(Challenge(Verifier()), "s2");
        form["name"] = user;
        form["password"] = "not the password!";

        using var response = await browser.PostAsync("/api/oauth/authorize", new FormUrlEncodedContent(form), ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("wrong", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{user}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_JsonBody_Is415()
    {
        using var anonymous = api.CreateClient(token: null);

        using var response = await anonymous.PostAsJsonAsync("/api/oauth/token", new { grant_type = "authorization_code" }, TestTimeout.Token());

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    // A browser that shows the redirect rather than following it to terraform's (absent) listener.
    private HttpClient Browser() => api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    internal static string Verifier() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Challenge(string verifier) => AuthorizationCodeStore.S256(verifier);

    private static Dictionary<string, string> AuthorizeQuery(string challenge, string state) => new()
    {
        ["client_id"] = "terraform-cli",
        ["response_type"] = "code",
        ["redirect_uri"] = Redirect,
        ["code_challenge"] = challenge,
        ["code_challenge_method"] = "S256",
        ["state"] = state,
    };

    private static Uri AuthorizeUri(Dictionary<string, string> query) =>
        new("/api/oauth/authorize?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")), UriKind.Relative);

    private static FormUrlEncodedContent TokenForm(string code, string verifier) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "authorization_code",
        ["client_id"] = "terraform-cli",
        ["code"] = code,
        ["code_verifier"] = verifier,
        ["redirect_uri"] = Redirect,
    });

    private static async Task<string> SignInAsync(HttpClient browser, string user, string password, string challenge, CancellationToken ct)
    {
        var form = AuthorizeQuery(challenge, "state-1");
        form["name"] = user;
        form["password"] = password;
        using var response = await browser.PostAsync("/api/oauth/authorize", new FormUrlEncodedContent(form), ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(Redirect + "?code=", location.AbsoluteUri, StringComparison.Ordinal);
        Assert.EndsWith("&state=state-1", location.AbsoluteUri, StringComparison.Ordinal);
        return Uri.UnescapeDataString(location.Query.Split('&')[0]["?code=".Length..]);
    }

    private async Task<string> CreateUserAsync(CancellationToken cancellationToken)
    {
        var user = $"tflogin-{Guid.NewGuid():N}"[..20];
        using var admin = api.CreateClient();
        await new IdentityAdmin(admin).SendAsync(HttpMethod.Post, "/api/v1/users", new { name = user, password = LoginApiTests.Password }, cancellationToken);
        return user;
    }
}
