using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Api.Tests.Identity;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Jobs;

/// <summary>
/// <c>/jobs</c> through the API: RBAC as for apps (a job sits in its team and pool), and bad input answered with a
/// ProblemDetails that names the field. No job here is triggered, so no podman is needed.
/// </summary>
public sealed class AppJobsApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task Jobs_OwnTeamAndOtherTeam_AnswerAsForApps()
    {
        var ct = TestTimeout.Token(60);
        using var admin = api.CreateClient();
        var (pool, ownToken, otherToken, ownTeam) = await TwoTeamsAsync(admin, ct);
        using var own = api.CreateClient(ownToken);
        using var other = api.CreateClient(otherToken);
        var job = UniqueNames.Next("job");

        using var created = await own.PostAsJsonAsync("/api/v1/jobs", new
        {
            name = job, teamOwner = ownTeam, pool, manual = true, container = new { image = "docker.io/library/busybox:1.36", command = new[] { "true" } },
        }, ct);
        using var otherCreate = await other.PostAsJsonAsync("/api/v1/jobs", new { name = job + "-x", teamOwner = ownTeam, pool, manual = true, container = new { image = "busybox" } }, ct);
        using var ownGet = await own.GetAsync(new Uri($"/api/v1/jobs/{job}", UriKind.Relative), ct);
        using var otherGet = await other.GetAsync(new Uri($"/api/v1/jobs/{job}", UriKind.Relative), ct);
        using var otherTrigger = await other.PostAsync(new Uri($"/api/v1/jobs/{job}/trigger", UriKind.Relative), null, ct);
        using var otherDelete = await other.DeleteAsync(new Uri($"/api/v1/jobs/{job}", UriKind.Relative), ct);
        var ownList = await own.GetFromJsonAsync<JsonElement>("/api/v1/jobs", ct);
        var otherList = await other.GetFromJsonAsync<JsonElement>("/api/v1/jobs", ct);
        using var ownMissing = await own.GetAsync(new Uri("/api/v1/jobs/no-such-job", UriKind.Relative), ct);
        using var adminMissing = await admin.GetAsync(new Uri("/api/v1/jobs/no-such-job/runs", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherCreate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownGet.StatusCode);
        var read = await ownGet.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(read.GetProperty("manual").GetBoolean());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("nextDueAt").ValueKind);
        Assert.Equal(3600, read.GetProperty("activeDeadlineSeconds").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, otherGet.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTrigger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherDelete.StatusCode);
        Assert.Contains(ownList.GetProperty("items").EnumerateArray(), j => j.GetProperty("name").GetString() == job);
        Assert.DoesNotContain(otherList.GetProperty("items").EnumerateArray(), j => j.GetProperty("name").GetString() == job);
        Assert.Equal(HttpStatusCode.Forbidden, ownMissing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, adminMissing.StatusCode);
        await AssertProblemAsync(otherGet, "app.job.read", ct);
    }

    [Theory]
    [InlineData("""{"name": "bad-cron", "manual": false, "schedule": "0 0 3 * * ?", "container": {"image": "busybox"}}""", "'schedule'")]
    [InlineData("""{"name": "no-schedule", "container": {"image": "busybox"}}""", "'schedule' is required")]
    [InlineData("""{"name": "two-images", "manual": true, "container": {"image": "busybox", "app": "web"}}""", "'container.image'")]
    [InlineData("""{"name": "bad-policy", "manual": true, "concurrencyPolicy": "Twice", "container": {"image": "busybox"}}""", "'concurrencyPolicy'")]
    [InlineData("""{"name": "bad-backoff", "manual": true, "backoffLimit": -1, "container": {"image": "busybox"}}""", "'backoffLimit'")]
    [InlineData("""{"name": "Bad_Name", "manual": true, "container": {"image": "busybox"}}""", "job name")]
    [InlineData("""{"name": "no-pool", "pool": "no-such-pool", "manual": true, "container": {"image": "busybox"}}""", "'pool'")]
    public async Task CreateJob_BadInput_Is400NamingTheField(string body, string field)
    {
        var ct = TestTimeout.Token(60);
        using var admin = api.CreateClient();
        var (pool, _, _, team) = await TwoTeamsAsync(admin, ct);
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!;
        json["teamOwner"] = JsonSerializer.SerializeToElement(team);
        json.TryAdd("pool", JsonSerializer.SerializeToElement(pool));

        using var response = await admin.PostAsJsonAsync("/api/v1/jobs", json, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertProblemAsync(response, field, ct);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/api/v1/jobs/{json["name"].GetString()!.ToLowerInvariant()}", UriKind.Relative), ct)).StatusCode);
    }

    [Fact]
    public async Task UpdateJob_ScheduleThenManual_FollowsTsurusRulesAndRefusesABadCron()
    {
        var ct = TestTimeout.Token(60);
        using var admin = api.CreateClient();
        var (pool, _, _, team) = await TwoTeamsAsync(admin, ct);
        var job = UniqueNames.Next("job");
        (await admin.PostAsJsonAsync("/api/v1/jobs", new { name = job, teamOwner = team, pool, manual = true, container = new { image = "busybox" } }, ct)).EnsureSuccessStatusCode();

        var scheduled = await PutAsync(admin, job, new { schedule = "0 4 * * *" }, ct);
        using var badCron = await admin.PutAsJsonAsync($"/api/v1/jobs/{job}", new { schedule = "sometimes" }, ct);
        var manual = await PutAsync(admin, job, new { manual = true }, ct);
        using var env = await admin.PostAsJsonAsync($"/api/v1/jobs/{job}/env", new { envs = new object[] { new { name = "TOKEN", value = "s3cret", @private = true } } }, ct);
        var envText = await env.Content.ReadAsStringAsync(ct);
        using var latestLog = await admin.GetAsync(new Uri($"/api/v1/jobs/{job}/log", UriKind.Relative), ct);

        Assert.False(scheduled.GetProperty("manual").GetBoolean());
        Assert.Equal("0 4 * * *", scheduled.GetProperty("schedule").GetString());
        Assert.Equal(4, scheduled.GetProperty("nextDueAt").GetDateTimeOffset().UtcDateTime.Hour);
        Assert.Equal(HttpStatusCode.BadRequest, badCron.StatusCode);
        await AssertProblemAsync(badCron, "'schedule'", ct);
        Assert.True(manual.GetProperty("manual").GetBoolean());
        Assert.Equal(JsonValueKind.Null, manual.GetProperty("schedule").ValueKind);
        Assert.Equal(HttpStatusCode.OK, env.StatusCode);
        Assert.DoesNotContain("s3cret", envText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, latestLog.StatusCode);
        await AssertProblemAsync(latestLog, "has not run yet", ct);
    }

    private static async Task<JsonElement> PutAsync(HttpClient client, string job, object body, CancellationToken ct)
    {
        using var response = await client.PutAsJsonAsync($"/api/v1/jobs/{job}", body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string detailContains, CancellationToken ct)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Two teams, each with a member holding team-admin on its own team, and a podman pool open to both.</summary>
    private static async Task<(string Pool, string OwnToken, string OtherToken, string OwnTeam)> TwoTeamsAsync(HttpClient admin, CancellationToken ct)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var identity = new IdentityAdmin(admin);
        var ownToken = await identity.CreateUserWithTokenAsync($"own-{suffix}", ct);
        var otherToken = await identity.CreateUserWithTokenAsync($"other-{suffix}", ct);
        await identity.CreateTeamAsync($"own-{suffix}", [$"own-{suffix}"], ct);
        await identity.CreateTeamAsync($"other-{suffix}", [$"other-{suffix}"], ct);
        await identity.GrantAsync($"team:own-{suffix}", "team-admin", $"team:own-{suffix}", ct);
        await identity.GrantAsync($"team:other-{suffix}", "team-admin", $"team:other-{suffix}", ct);
        await identity.SendAsync(HttpMethod.Post, "/api/v1/pools", new
        {
            name = $"pool-{suffix}", provisioner = "podman", router = "local", registry = new { address = "127.0.0.1:5999", @namespace = "t", insecure = true },
        }, ct);
        return ($"pool-{suffix}", ownToken, otherToken, $"own-{suffix}");
    }
}
