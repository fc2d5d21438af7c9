using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Apps;
using Stratus.Apps.Events;
using Stratus.Apps.Locks;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Env;

public sealed class AppEnvApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    private const string Secret = "hunter2-private-value";

    [Fact]
    public async Task SetEnv_PublicAndPrivate_ListsThemAndNeverEchoesThePrivateValue()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        using var set = await client.PostAsJsonAsync($"/api/v1/apps/{app}/env", new
        {
            envs = new object[] { new { name = "LOG_LEVEL", value = "debug" }, new { name = "DB_PASSWORD", value = Secret, @private = true } },
        }, ct);
        var setBody = await set.Content.ReadAsStringAsync(ct);
        var ended = await TestApps.WaitForEndAsync(client, JsonDocument.Parse(setBody).RootElement, ct);
        using var get = await client.GetAsync(new Uri($"/api/v1/apps/{app}/env", UriKind.Relative), ct);
        var getBody = await get.Content.ReadAsStringAsync(ct);
        var envs = JsonDocument.Parse(getBody).RootElement;
        var eventId = ended.GetProperty("id").GetString();
        var log = await client.GetStringAsync(new Uri($"/api/v1/apps/{app}/events/{eventId}/log", UriKind.Relative), ct);
        var eventBody = await client.GetStringAsync(new Uri($"/api/v1/apps/{app}/events/{eventId}", UriKind.Relative), ct);
        var appBody = await client.GetStringAsync(new Uri($"/api/v1/apps/{app}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Accepted, set.StatusCode);
        Assert.Equal("app.update.env.set", ended.GetProperty("kind").GetString());
        Assert.Equal("succeeded", ended.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(2, envs.GetArrayLength());
        var db = envs.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "DB_PASSWORD");
        var level = envs.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "LOG_LEVEL");
        Assert.True(db.GetProperty("private").GetBoolean());
        Assert.Equal(JsonValueKind.Null, db.GetProperty("value").ValueKind);
        Assert.False(level.GetProperty("private").GetBoolean());
        Assert.Equal("debug", level.GetProperty("value").GetString());
        Assert.All([setBody, getBody, log, eventBody, appBody], body => Assert.DoesNotContain(Secret, body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SetEnv_NoRestart_Returns202WithAnEventThatHasEndedAlready()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        using var set = await client.PostAsJsonAsync($"/api/v1/apps/{app}/env", new { envs = new[] { new { name = "A", value = "1" } }, noRestart = true }, ct);
        var operation = await set.Content.ReadFromJsonAsync<JsonElement>(ct);
        var log = await client.GetStringAsync(new Uri(operation.GetProperty("log").GetString()!, UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Accepted, set.StatusCode);
        Assert.Equal("succeeded", operation.GetProperty("status").GetString());
        Assert.Equal("app.update.env.set", operation.GetProperty("kind").GetString());
        Assert.Contains("applies at the next deploy or restart", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetEnv_WithRestartOnAnAppNeverDeployed_EventEndsSaying_AppliesAtFirstDeploy()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        var ended = await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Post, $"/api/v1/apps/{app}/env")
        {
            Content = JsonContent.Create(new { envs = new[] { new { name = "A", value = "1" } } }),
        }, ct);
        var log = await client.GetStringAsync(new Uri($"/api/v1/apps/{app}/events/{ended.GetProperty("id").GetString()}/log", UriKind.Relative), ct);

        Assert.Equal("succeeded", ended.GetProperty("status").GetString());
        Assert.Contains("applies at its first deploy", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetEnv_PrivateForAll_MarksEveryVariableWithoutItsOwnSetting()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Post, $"/api/v1/apps/{app}/env")
        {
            Content = JsonContent.Create(new { envs = new object[] { new { name = "A", value = "1" }, new { name = "B", value = "2", @private = false } }, @private = true, noRestart = true }),
        }, ct);
        var envs = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/env", ct);

        Assert.True(envs.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "A").GetProperty("private").GetBoolean());
        Assert.False(envs.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "B").GetProperty("private").GetBoolean());
    }

    [Fact]
    public async Task SetEnv_PruneUnused_RemovesTheVariablesNotNamed()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        await SetAsync(client, app, new { envs = new[] { new { name = "OLD", value = "1" }, new { name = "KEEP", value = "1" } }, noRestart = true }, ct);

        await SetAsync(client, app, new { envs = new[] { new { name = "KEEP", value = "2" }, new { name = "NEW", value = "3" } }, noRestart = true, pruneUnused = true }, ct);
        var envs = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/env", ct);

        Assert.Equal(["KEEP", "NEW"], envs.EnumerateArray().Select(e => e.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("2", envs.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "KEEP").GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("""{"envs": [{"name": "PORT", "value": "1"}]}""", "'PORT' is reserved")]
    [InlineData("""{"envs": [{"name": "STRATUS_X", "value": "1"}]}""", "names starting with 'STRATUS_' are set by the platform")]
    [InlineData("""{"envs": [{"name": "TSURU_HOST", "value": "1"}]}""", "names starting with 'TSURU_'")]
    [InlineData("""{"envs": [{"name": "1ABC", "value": "1"}]}""", "name '1ABC' is not valid")]
    [InlineData("""{"envs": [{"name": "OK", "value": "1"}, {"name": "MISSING"}]}""", "'MISSING' needs a value")]
    [InlineData("""{"envs": [{"name": "A", "value": "1"}, {"name": "A", "value": "2"}]}""", "'A' is named twice")]
    [InlineData("""{"envs": []}""", "at least one variable")]
    [InlineData("""{"envs": [null]}""", "holds a null")]
    [InlineData("""{"env": [{"name": "A", "value": "1"}]}""", "property this endpoint does not know")]
    [InlineData("""{"envs": [{"name": "A", "value": "1", "privat": true}]}""", "property this endpoint does not know")]
    public async Task SetEnv_InvalidBody_Returns400NamingTheProblemAndChangesNothing(string body, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        using var response = await client.PostAsync(new Uri($"/api/v1/apps/{app}/env", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var envs = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/env", ct);
        var events = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/events", ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, envs.GetArrayLength());
        Assert.Equal(0, events.GetArrayLength());
    }

    [Fact]
    public async Task SetEnv_ValueTooLarge_Returns400WithoutEchoingTheValue()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var value = new string('s', 17 * 1024);

        using var response = await client.PostAsJsonAsync($"/api/v1/apps/{app}/env", new { envs = new[] { new { name = "BIG", value, @private = true } } }, ct);
        var text = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'envs[0].value' has 17408 characters; at most 16384", text, StringComparison.Ordinal);
        Assert.DoesNotContain(value[..100], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetEnv_AppBusy_Returns409NamingTheHolderAndChangesNothing()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var locks = api.Services.GetRequiredService<AppLockStore>();
        var holder = TimeOrderedId.New(DateTimeOffset.UtcNow);
        Assert.True((await locks.TryAcquireAsync(app, holder, "app.deploy", "user:someone-else", TimeSpan.FromMinutes(5), ct)).Acquired);
        try
        {
            using var response = await client.PostAsJsonAsync($"/api/v1/apps/{app}/env", new { envs = new[] { new { name = "A", value = "1" } } }, ct);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var envs = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/env", ct);

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal(holder, problem.GetProperty("event").GetString());
            Assert.Contains("user:someone-else", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, envs.GetArrayLength());
        }
        finally
        {
            await locks.ReleaseAsync(app, holder, CancellationToken.None);
        }
    }

    [Fact]
    public async Task SetEnv_LockStillNamesAnEndedEvent_StartsAtOnce()
    {
        // An operation's last step closes its event and then releases the lock; a caller that saw the event end
        // may arrive in between, and must not be told the app is busy.
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var events = api.Services.GetRequiredService<AppEventStore>();
        var locks = api.Services.GetRequiredService<AppLockStore>();
        var ended = await events.StartAsync(EventTarget.App(app), "app.deploy", "user:someone-else", cancelable: false, customData: null, ct);
        Assert.True((await locks.TryAcquireAsync(app, ended.Id, "app.deploy", "user:someone-else", TimeSpan.FromMinutes(5), ct)).Acquired);
        await events.FinishAsync(ended.Id, EventStatus.Succeeded, null, ct);

        var set = await SetAsync(client, app, new { envs = new[] { new { name = "A", value = "1" } }, noRestart = true }, ct);

        Assert.Equal("succeeded", set.GetProperty("status").GetString());
        Assert.Null(await locks.GetAsync(app, ct));
        Assert.Equal(EventStatus.Succeeded, (await events.GetAsync(ended.Id, ct))?.Status);
    }

    [Fact]
    public async Task UnsetEnv_NamedVariables_RemovesOnlyThose()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        await SetAsync(client, app, new { envs = new[] { new { name = "A", value = "1" }, new { name = "B", value = "2" }, new { name = "C", value = "3" } }, noRestart = true }, ct);

        var ended = await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/apps/{app}/env?env=A&env=C&env=ABSENT&noRestart=true"), ct);
        var envs = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/env", ct);

        Assert.Equal("app.update.env.unset", ended.GetProperty("kind").GetString());
        Assert.Equal("succeeded", ended.GetProperty("status").GetString());
        Assert.Equal(["B"], envs.EnumerateArray().Select(e => e.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("", "Name the variables to remove")]
    [InlineData("?env=bad-name", "name 'bad-name' is not valid")]
    [InlineData("?env=PORT", "'PORT' is reserved")]
    public async Task UnsetEnv_InvalidNames_Returns400(string query, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);

        using var response = await client.DeleteAsync(new Uri($"/api/v1/apps/{app}/env{query}", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", """{"envs": [{"name": "A", "value": "1"}]}""")]
    [InlineData("DELETE", "?env=A")]
    public async Task Env_UnknownApp_Returns404(string method, string rest)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/v1/apps/no-such-app/env{(method == "POST" ? "" : rest)}");
        if (method == "POST")
        {
            request.Content = new StringContent(rest, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no app named 'no-such-app'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static Task<JsonElement> SetAsync(HttpClient client, string app, object body, CancellationToken cancellationToken) =>
        TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Post, $"/api/v1/apps/{app}/env") { Content = JsonContent.Create(body) }, cancellationToken);
}
