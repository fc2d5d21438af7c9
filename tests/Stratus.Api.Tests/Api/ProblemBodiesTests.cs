using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Apps;
using Stratus.Apps.Events;
using Stratus.Api.Tests.Apps.Env;
using Stratus.Testing;

namespace Stratus.Api.Tests.Api;

/// <summary>Hostile or broken requests get a 4xx ProblemDetails that says what is wrong, never a 500 or an empty body.</summary>
public sealed class ProblemBodiesTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    private const string LoneSurrogate = "\\ud800";

    [Fact]
    public async Task CreateTeam_LoneSurrogateInAField_Is400NamingTheField()
    {
        using var client = api.CreateClient();

        var problem = await SendJsonAsync(client, HttpMethod.Post, "/api/v1/teams", $$"""{"name": "{{UniqueNames.Next("t")}}", "description": "a{{LoneSurrogate}}b"}""");

        Assert.Contains("$.description", problem, StringComparison.Ordinal);
        Assert.Contains("not valid Unicode", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTeam_BytesThatAreNotUtf8_Is400NamingTheField()
    {
        using var client = api.CreateClient();
        var body = Encoding.UTF8.GetBytes("""{"name": "x", "description": "?"}""");
        body[Array.IndexOf(body, (byte)'?')] = 0xFF;

        var problem = await SendAsync(client, HttpMethod.Post, "/api/v1/teams", new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });

        Assert.Contains("$.description", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTeam_BodyStartingWithAUtf8ByteOrderMark_IsRead()
    {
        using var client = api.CreateClient();
        var name = UniqueNames.Next("t");
        using var content = new ByteArrayContent([.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes($$"""{"name": "{{name}}"}""")]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(new Uri("/api/v1/teams", UriKind.Relative), content, TestTimeout.Token());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task CancelAppEvent_LoneSurrogateInTheReason_Is400NamingIt()
    {
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, TestTimeout.Token());
        var running = await api.Services.GetRequiredService<AppEventStore>().StartAsync(EventTarget.App(app), "app.deploy", "user:robot", cancelable: true, null, TestTimeout.Token());

        var problem = await SendJsonAsync(client, HttpMethod.Post, $"/api/v1/apps/{app}/events/{running.Id}/cancel", $$"""{"reason": "{{LoneSurrogate}}"}""");

        Assert.Contains("$.reason", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerminateOrchestration_LoneSurrogateInTheReason_Is400NamingIt()
    {
        using var client = api.CreateClient();

        var problem = await SendJsonAsync(client, HttpMethod.Post, "/api/v1/orchestrations/no-such-instance/terminate", $$"""{"reason": "{{LoneSurrogate}}"}""");

        Assert.Contains("$.reason", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RaiseOrchestrationEvent_LoneSurrogateDeepInThePayload_Is400WithItsPath()
    {
        using var client = api.CreateClient();

        var problem = await SendJsonAsync(client, HttpMethod.Post, "/api/v1/orchestrations/no-such-instance/events/go", $$"""{"items": [1, {"note": "{{LoneSurrogate}}"}]}""");

        Assert.Contains("$.items[1].note", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=XX", "--XX\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nabc", "part 1 ('image')")]
    [InlineData("multipart/form-data; boundary=XX", "--XX\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nhi\r\n--XX\r\nX-Nothing: here\r\n\r\nabc\r\n--XX--\r\n", "Part 2")]
    [InlineData("multipart/form-data", "junk", "boundary")]
    [InlineData("multipart/form-data; boundary=XX", "--XX\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\n\xff\r\n--XX--\r\n", "part 1 ('message')")]
    public async Task Deploy_MalformedMultipart_Is400NamingThePart(string contentType, string body, string named)
    {
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, TestTimeout.Token());
        var bytes = body.Select(c => (byte)c).ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var problem = await SendAsync(client, HttpMethod.Post, $"/api/v1/apps/{app}/deploy", content);

        Assert.Contains(named, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_WellFormedMultipart_StillReadsItsFields()
    {
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, TestTimeout.Token());
        using var form = new MultipartFormDataContent { { new StringContent("not an image reference!"), "image" } };

        var problem = await SendAsync(client, HttpMethod.Post, $"/api/v1/apps/{app}/deploy", form);

        Assert.Contains("'image' is not a valid image reference", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_MultipartFileParts_AreSpooledAndChecked()
    {
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, TestTimeout.Token());
        using var hostile = new MultipartFormDataContent
        {
            { new ByteArrayContent(Apps.Pipeline.AppPipelineServer.TarGz(new Dictionary<string, string> { ["../escape.html"] = "x" })), "file", "app.tar.gz" },
        };
        using var longMessage = new MultipartFormDataContent
        {
            { new StringContent(new string('m', 1001)), "message" },
            { new ByteArrayContent(Apps.Pipeline.AppPipelineServer.TarGz(new Dictionary<string, string> { ["index.html"] = "<h1>hi</h1>" })), "file", "app.tar.gz" },
        };
        using var fine = new MultipartFormDataContent
        {
            { new StringContent("from a form"), "message" },
            { new ByteArrayContent(Apps.Pipeline.AppPipelineServer.TarGz(new Dictionary<string, string> { ["index.html"] = "<h1>hi</h1>" })), "file", "app.tar.gz" },
        };

        var problem = await SendAsync(client, HttpMethod.Post, $"/api/v1/apps/{app}/deploy", hostile);
        var tooLong = await SendAsync(client, HttpMethod.Post, $"/api/v1/apps/{app}/deploy", longMessage);
        using var accepted = await client.PostAsync(new Uri($"/api/v1/apps/{app}/deploy", UriKind.Relative), fine, TestTimeout.Token());
        var started = await accepted.Content.ReadFromJsonAsync<JsonElement>(TestTimeout.Token());
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, started.ToString());
        var deploy = await TestApps.WaitForEndAsync(client, started, TestTimeout.Token());

        Assert.Contains("escape.html", problem, StringComparison.Ordinal);
        Assert.Contains("longer than 1000 characters", tooLong, StringComparison.Ordinal);

        // The stored archive reached the build, which stops because the test app has no platform to build it on.
        Assert.Contains("no platform", deploy.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongMethod_Is405ProblemSayingWhichMethodsThePathTakes()
    {
        using var client = api.CreateClient();

        using var response = await client.DeleteAsync(new Uri("/api/v1/info", UriKind.Relative), TestTimeout.Token());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestTimeout.Token());

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("it takes GET", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_Is404ProblemPointingAtTheDocs()
    {
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri("/no/such/thing", UriKind.Relative), TestTimeout.Token());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestTimeout.Token());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/docs", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> SendJsonAsync(HttpClient client, HttpMethod method, string path, string json) =>
        await SendAsync(client, method, path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Sends, asserts a 400 ProblemDetails, and returns its detail.</summary>
    private static async Task<string> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await client.SendAsync(request, TestTimeout.Token());
        var text = await response.Content.ReadAsStringAsync(TestTimeout.Token());

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!;
    }
}
