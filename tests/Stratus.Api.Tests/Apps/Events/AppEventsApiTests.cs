using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Apps;
using Stratus.Apps.Events;
using Stratus.Api.Tests.Apps.Env;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Events;

public sealed class AppEventsApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    private AppEventStore Events => api.Services.GetRequiredService<AppEventStore>();

    [Fact]
    public async Task ListAppEvents_Filters_KeepOnlyTheMatchingEventsNewestFirst()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var other = await TestApps.CreateAsync(client, ct);
        var set = await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Post, $"/api/v1/apps/{app}/env") { Content = JsonContent.Create(new { envs = new[] { new { name = "A", value = "1" } }, noRestart = true }) }, ct);
        var unset = await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/apps/{app}/env?env=A&noRestart=true"), ct);
        var failed = await Events.StartAsync(EventTarget.App(app), "app.deploy", "user:robot", cancelable: true, null, ct);
        await Events.FinishAsync(failed.Id, EventStatus.Failed, "build failed", ct);
        var running = await Events.StartAsync(EventTarget.App(app), "app.restart", "user:robot", cancelable: false, null, ct);
        await Events.StartAsync(EventTarget.App(other), "app.restart", "user:robot", cancelable: false, null, ct);

        var all = await IdsAsync(client, $"/api/v1/apps/{app}/events", ct);
        var envSet = await IdsAsync(client, $"/api/v1/apps/{app}/events?kind=app.update.env.set", ct);
        var envAny = await IdsAsync(client, $"/api/v1/apps/{app}/events?kind=app.update.env.set&kind=app.update.env.unset", ct);
        var byRobot = await IdsAsync(client, $"/api/v1/apps/{app}/events?owner=user:robot", ct);
        var stillRunning = await IdsAsync(client, $"/api/v1/apps/{app}/events?running=true", ct);
        var ended = await IdsAsync(client, $"/api/v1/apps/{app}/events?running=false", ct);
        var errors = await IdsAsync(client, $"/api/v1/apps/{app}/events?errorOnly=true", ct);
        var newest = await IdsAsync(client, $"/api/v1/apps/{app}/events?limit=1", ct);
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/events?errorOnly=true", ct);

        var setId = set.GetProperty("id").GetString();
        var unsetId = unset.GetProperty("id").GetString();
        Assert.Equal([running.Id, failed.Id, unsetId, setId], all);
        Assert.Equal([setId], envSet);
        Assert.Equal([unsetId, setId], envAny);
        Assert.Equal([running.Id, failed.Id], byRobot);
        Assert.Equal([running.Id], stillRunning);
        Assert.Equal([failed.Id, unsetId, setId], ended);
        Assert.Equal([failed.Id], errors);
        Assert.Equal([running.Id], newest);
        var item = list.EnumerateArray().Single();
        Assert.Equal("app", item.GetProperty("target").GetProperty("type").GetString());
        Assert.Equal(app, item.GetProperty("target").GetProperty("value").GetString());
        Assert.Equal("app.deploy", item.GetProperty("kind").GetString());
        Assert.Equal("failed", item.GetProperty("status").GetString());
        Assert.Equal("build failed", item.GetProperty("error").GetString());
        Assert.NotEqual(JsonValueKind.Null, item.GetProperty("endedAt").ValueKind);
        Assert.False(item.GetProperty("cancelable").GetBoolean());
        Assert.False(item.GetProperty("cancelInfo").GetProperty("asked").GetBoolean());
    }

    [Fact]
    public async Task ListAllAppEvents_TargetAndTimeFilters_SelectAcrossApps()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var first = await Events.StartAsync(EventTarget.App(app), "app.restart", "user:robot", cancelable: false, null, ct);

        var byTarget = await IdsAsync(client, $"/api/v1/app-events?target=app({app})", ct);
        var byName = await IdsAsync(client, $"/api/v1/app-events?target={app}&kind=app.restart", ct);
        var future = await IdsAsync(client, $"/api/v1/app-events?target={app}&since={Iso(DateTimeOffset.UtcNow.AddDays(1))}", ct);
        var past = await IdsAsync(client, $"/api/v1/app-events?target={app}&until={DateTimeOffset.UtcNow.AddDays(-1):yyyy-MM-dd}", ct);
        var window = await IdsAsync(client, $"/api/v1/app-events?target={app}&since={Iso(first.StartedAt.AddMinutes(-1))}&until={Iso(first.StartedAt.AddMinutes(1))}", ct);
        var everyApp = await IdsAsync(client, "/api/v1/app-events?limit=200", ct);

        Assert.Equal([first.Id], byTarget);
        Assert.Equal([first.Id], byName);
        Assert.Empty(future);
        Assert.Empty(past);
        Assert.Equal([first.Id], window);
        Assert.Contains(first.Id, everyApp);
    }

    [Theory]
    [InlineData("/api/v1/app-events?target=app(", "target 'app(' is not valid")]
    [InlineData("/api/v1/app-events?since=yesterday", "since 'yesterday' is not a time")]
    [InlineData("/api/v1/app-events?since=2025-02-01T00:00:00Z&until=2025-01-01T00:00:00Z", "since is after until")]
    [InlineData("/api/v1/app-events?limit=0", "limit must be between 1 and 200")]
    [InlineData("/api/v1/apps/some-app/events?limit=201", "limit must be between 1 and 200")]
    public async Task ListEvents_InvalidQuery_Returns400(string path, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAppEvent_OwnOtherAndGarbageIds_AnswersOnlyForTheAppsOwn()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var other = await TestApps.CreateAsync(client, ct);
        var own = await Events.StartAsync(EventTarget.App(app), "app.restart", "user:robot", cancelable: false, null, ct);
        var foreign = await Events.StartAsync(EventTarget.App(other), "app.restart", "user:robot", cancelable: false, null, ct);

        using var found = await client.GetAsync(new Uri($"/api/v1/apps/{app}/events/{own.Id}", UriKind.Relative), ct);
        var body = await found.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var ofOther = await client.GetAsync(new Uri($"/api/v1/apps/{app}/events/{foreign.Id}", UriKind.Relative), ct);
        using var garbage = await client.GetAsync(new Uri($"/api/v1/apps/{app}/events/not-an-id", UriKind.Relative), ct);
        using var unknown = await client.GetAsync(new Uri($"/api/v1/apps/{app}/events/{TimeOrderedId.New(DateTimeOffset.UtcNow)}", UriKind.Relative), ct);
        using var otherLog = await client.GetAsync(new Uri($"/api/v1/apps/{app}/events/{foreign.Id}/log", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(own.Id, body.GetProperty("id").GetString());
        Assert.Equal("running", body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, ofOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherLog.StatusCode);
    }

    [Fact]
    public async Task GetAppEventLog_FromOffset_ReturnsTheRestOfTheLog()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var started = await Events.StartAsync(EventTarget.App(app), "app.restart", "user:robot", cancelable: false, null, ct);
        await Events.AppendLogAsync(started.Id, ["first", "second"], ct);

        var whole = await client.GetStringAsync(new Uri($"/api/v1/apps/{app}/events/{started.Id}/log", UriKind.Relative), ct);
        var rest = await client.GetStringAsync(new Uri($"/api/v1/apps/{app}/events/{started.Id}/log?offset=6", UriKind.Relative), ct);
        using var negative = await client.GetAsync(new Uri($"/api/v1/apps/{app}/events/{started.Id}/log?offset=-1", UriKind.Relative), ct);

        Assert.Equal("first\nsecond\n", whole);
        Assert.Equal("second\n", rest);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
    }

    [Fact]
    public async Task GetAppEventLog_Follow_StreamsNewLinesAndEndsWhenTheEventEnds()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var started = await Events.StartAsync(EventTarget.App(app), "app.restart", "user:robot", cancelable: false, null, ct);
        await Events.AppendLogAsync(started.Id, ["before"], ct);

        using var response = await client.GetAsync(new Uri($"/api/v1/apps/{app}/events/{started.Id}/log?follow=true", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var first = await reader.ReadLineAsync(ct);
        await Events.AppendLogAsync(started.Id, ["during"], ct);
        var second = await reader.ReadLineAsync(ct);
        await Events.AppendLogAsync(started.Id, ["last words"], ct);
        await Events.FinishAsync(started.Id, EventStatus.Succeeded, null, ct);
        var rest = await reader.ReadToEndAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("before", first);
        Assert.Equal("during", second);
        Assert.Equal("last words\n", rest);
    }

    [Fact]
    public async Task CancelAppEvent_RunningCancelable_Returns202AndRecordsTheReason()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var started = await Events.StartAsync(EventTarget.App(app), "app.deploy", "user:robot", cancelable: true, null, ct);

        using var response = await client.PostAsJsonAsync($"/api/v1/apps/{app}/events/{started.Id}/cancel", new { reason = "wrong branch" }, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(body.GetProperty("cancelInfo").GetProperty("asked").GetBoolean());
        Assert.Equal("wrong branch", body.GetProperty("cancelInfo").GetProperty("reason").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("cancelInfo").GetProperty("by").GetString()));
    }

    [Fact]
    public async Task CancelAppEvent_EndedOrNotCancelable_Returns409()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var ended = await Events.StartAsync(EventTarget.App(app), "app.deploy", "user:robot", cancelable: true, null, ct);
        await Events.FinishAsync(ended.Id, EventStatus.Succeeded, null, ct);
        var fixedCourse = await Events.StartAsync(EventTarget.App(app), "app.restart", "user:robot", cancelable: false, null, ct);

        using var afterEnd = await client.PostAsJsonAsync($"/api/v1/apps/{app}/events/{ended.Id}/cancel", new { reason = "late" }, ct);
        var afterEndProblem = await afterEnd.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var notCancelable = await client.PostAsJsonAsync($"/api/v1/apps/{app}/events/{fixedCourse.Id}/cancel", new { reason = "stop" }, ct);
        var notCancelableProblem = await notCancelable.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Conflict, afterEnd.StatusCode);
        Assert.Contains("has ended (succeeded)", afterEndProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, notCancelable.StatusCode);
        Assert.Contains("cannot be cancelled now", notCancelableProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAppEvent_NoReasonOrUnknownEvent_Returns400Or404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var started = await Events.StartAsync(EventTarget.App(app), "app.deploy", "user:robot", cancelable: true, null, ct);

        using var noReason = await client.PostAsJsonAsync($"/api/v1/apps/{app}/events/{started.Id}/cancel", new { }, ct);
        using var garbage = await client.PostAsJsonAsync($"/api/v1/apps/{app}/events/nope/cancel", new { reason = "x" }, ct);
        var current = await Events.GetAsync(started.Id, ct);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
        Assert.False(current!.CancelInfo.Asked);
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<List<string?>> IdsAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
    }
}
