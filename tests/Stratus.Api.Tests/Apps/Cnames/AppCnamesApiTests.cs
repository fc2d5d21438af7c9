using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stratus.Api.Tests.Apps.Env;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Cnames;

public sealed class AppCnamesApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task AddThenRemoveCnames_ChangesTheAppsHostNames()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var host = $"{app}.example.com";

        var added = await TestApps.RunAsync(client, Post(app, new { cname = new[] { host, $"*.{host}", host } }), ct);
        var afterAdd = await CnamesAsync(client, app, ct);
        await TestApps.RunAsync(client, Post(app, new { cname = new[] { host } }), ct);
        var afterReAdd = await CnamesAsync(client, app, ct);
        var removed = await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/apps/{app}/cname?cname={host}"), ct);
        var afterRemove = await CnamesAsync(client, app, ct);

        Assert.Equal("app.update.cname", added.GetProperty("kind").GetString());
        Assert.Equal("succeeded", added.GetProperty("status").GetString());
        Assert.Equal([host, $"*.{host}"], afterAdd);
        Assert.Equal([host, $"*.{host}"], afterReAdd);
        Assert.Equal("succeeded", removed.GetProperty("status").GetString());
        Assert.Equal([$"*.{host}"], afterRemove);
    }

    [Fact]
    public async Task AddCname_UsedByAnotherApp_Returns409AndChangesNothing()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var owner = await TestApps.CreateAsync(client, ct);
        var other = await TestApps.CreateAsync(client, ct);
        var host = $"{owner}.example.com";
        await TestApps.RunAsync(client, Post(owner, new { cname = new[] { host } }), ct);

        using var response = await client.PostAsJsonAsync($"/api/v1/apps/{other}/cname", new { cname = new[] { $"free.{host}", host } }, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"'{host}' belongs to app '{owner}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await CnamesAsync(client, other, ct));
    }

    [Theory]
    [InlineData("""{"cname": ["UPPER.example.com"]}""", "cname 'UPPER.example.com' is not a valid host name")]
    [InlineData("""{"cname": ["localhost"]}""", "at least two labels")]
    [InlineData("""{"cname": ["-a.example.com"]}""", "not a valid host name")]
    [InlineData("""{"cname": ["127.0.0.1"]}""", "is an IP address")]
    [InlineData("""{"cname": ["0x7f.0.0.1"]}""", "is an IP address")]
    [InlineData("""{"cname": ["2130706433"]}""", "not a valid host name")]
    [InlineData("""{"cname": ["[::1]"]}""", "not a valid host name")]
    [InlineData("""{"cname": ["other-app.localhost"]}""", "under 'localhost'")]
    [InlineData("""{"cname": ["*.other-app.localhost"]}""", "under 'localhost'")]
    [InlineData("""{"cname": ["www.example.com\u001b[31m"]}""", "'cname' entry 0 contains the control character")]
    [InlineData("""{"cname": [""]}""", "cname is required")]
    [InlineData("""{"cname": []}""", "at least one host name")]
    [InlineData("""{"cname": "www.example.com"}""", "wrong type")]
    [InlineData("""{"cnames": ["www.example.com"]}""", "property this endpoint does not know")]
    public async Task AddCname_Invalid_Returns400NamingTheProblem(string body, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        using var response = await client.PostAsync(new Uri($"/api/v1/apps/{app}/cname", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Name the host names to remove")]
    [InlineData("?cname=Bad..name", "not a valid host name")]
    [InlineData("?cname=absent.example.com", "has no cname 'absent.example.com'; it has none")]
    public async Task RemoveCname_Invalid_Returns400(string query, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        using var response = await client.DeleteAsync(new Uri($"/api/v1/apps/{app}/cname{query}", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cname_UnknownApp_Returns404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var add = await client.PostAsJsonAsync("/api/v1/apps/no-such-app/cname", new { cname = new[] { "www.example.com" } }, ct);
        using var remove = await client.DeleteAsync(new Uri("/api/v1/apps/no-such-app/cname?cname=www.example.com", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
    }

    private static HttpRequestMessage Post(string app, object body) => new(HttpMethod.Post, $"/api/v1/apps/{app}/cname") { Content = JsonContent.Create(body) };

    private static async Task<List<string?>> CnamesAsync(HttpClient client, string app, CancellationToken cancellationToken) =>
        (await TestApps.GetAppAsync(client, app, cancellationToken)).GetProperty("cnames").EnumerateArray().Select(c => c.GetString()).ToList();
}
