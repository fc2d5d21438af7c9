using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Stratus.Api.Api;
using Stratus.Testing;

namespace Stratus.Api.Tests.Api;

public sealed partial class SecurityHeadersTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/api/v1/info")]
    [InlineData("/api/v1/does-not-exist")]
    [InlineData("/nothing-here")]
    public async Task Get_AnyPlatformResponse_CarriesTheSecurityHeadersAndNoStore(string path)
    {
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestTimeout.Token());

        AssertSecurityHeaders(response, SecurityHeadersMiddleware.ApiPolicy);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control is '{response.Headers.CacheControl}'");
    }

    [Fact]
    public async Task CreateToken_ResponseWithTheSecret_IsNoStore()
    {
        using var client = api.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/tokens", new { name = UniqueNames.Next("edge") }, TestTimeout.Token());
        var body = await response.Content.ReadAsStringAsync(TestTimeout.Token());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("stratus_pat_", body, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        AssertSecurityHeaders(response, SecurityHeadersMiddleware.ApiPolicy);
    }

    [Fact]
    public async Task Login_FailedOrNot_IsNoStore()
    {
        using var client = api.CreateClient(token: null);

        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { name = "nobody@example.com", password = "wrong password here" }, TestTimeout.Token());

        Assert.True(response.Headers.CacheControl?.NoStore);
        AssertSecurityHeaders(response, SecurityHeadersMiddleware.ApiPolicy);
    }

    [Fact]
    public async Task Docs_SwaggerUi_HasACspItsPageKeepsTo()
    {
        using var client = api.CreateClient(token: null);

        using var response = await client.GetAsync(new Uri("/docs/index.html", UriKind.Relative), TestTimeout.Token());
        var html = await response.Content.ReadAsStringAsync(TestTimeout.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response, SecurityHeadersMiddleware.DocsPolicy);

        // script-src 'self' allows no inline script: every script the page loads is one of its own files.
        var scripts = ScriptTag().Matches(html);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Matches("src=\"\\.?/?[a-z-]+\\.js\"", s.Value));
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        foreach (var script in scripts.Select(s => SrcAttribute().Match(s.Value).Groups[1].Value))
        {
            using var file = await client.GetAsync(new Uri("/docs/" + script.TrimStart('.', '/'), UriKind.Relative), TestTimeout.Token());
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        }
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response, string policy)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(policy, csp);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("src=\"([^\"]+)\"")]
    private static partial Regex SrcAttribute();
}
