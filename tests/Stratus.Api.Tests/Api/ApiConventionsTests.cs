using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Stratus.Testing;

namespace Stratus.Api.Tests.Api;

public sealed class ApiConventionsTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task Request_WithRequestId_EchoesItInHeaderAndProblemBody()
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/does-not-exist");
        request.Headers.Add("X-Request-Id", "trace-me-123");

        using var response = await client.SendAsync(request, TestTimeout.Token());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestTimeout.Token());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("trace-me-123", response.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal("trace-me-123", problem.GetProperty("requestId").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Request_WithHostileRequestId_GetsAGeneratedOne()
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation("X-Request-Id", "<script>alert(1)</script>");

        using var response = await client.SendAsync(request, TestTimeout.Token());

        var id = response.Headers.GetValues("X-Request-Id").Single();
        Assert.DoesNotContain("<", id, StringComparison.Ordinal);
        Assert.NotEmpty(id);
    }

    [Fact]
    public async Task Post_BodyOverLimit_Returns413ProblemDetails()
    {
        using var small = api.WithWebHostBuilder(b => b.UseSetting("Stratus:Api:MaxRequestBodyBytes", "1024"));
        using var client = small.CreateClient();
        using var content = new ByteArrayContent(new byte[4096]);

        using var response = await client.PostAsync(new Uri("/api/v1/info", UriKind.Relative), content, TestTimeout.Token());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestTimeout.Token());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("1024 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_InvalidBodyLimit_FailsNamingTheSetting()
    {
        using var broken = api.WithWebHostBuilder(b => b.UseSetting("Stratus:Api:MaxRequestBodyBytes", "10"));

        var ex = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

        Assert.Contains("MaxRequestBodyBytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesApiEndpointsAndUiServesIt()
    {
        using var client = api.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative), TestTimeout.Token());
        using var ui = await client.GetAsync(new Uri("/docs/index.html", UriKind.Relative), TestTimeout.Token());
        var uiConfig = await client.GetStringAsync(new Uri("/docs/index.js", UriKind.Relative), TestTimeout.Token());

        Assert.Equal("Stratus API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/info", out _));
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("/openapi/v1.json", uiConfig, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_Standalone_ReportsModeStorageAndFunctions()
    {
        using var client = api.CreateClient();

        var info = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/info", UriKind.Relative), TestTimeout.Token());

        Assert.Equal("standalone", info.GetProperty("mode").GetString());
        Assert.StartsWith("embedded:", info.GetProperty("storage").GetString(), StringComparison.Ordinal);
        Assert.Contains(info.GetProperty("functions").EnumerateArray(), f => f.GetProperty("name").GetString() == "api");
    }
}
