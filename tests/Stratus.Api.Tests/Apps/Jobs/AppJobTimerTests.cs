using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Stratus.Api.Apps.Jobs;
using Stratus.Api.Tests.Identity;
using Stratus.Api.Triggers;
using Stratus.Apps.Jobs;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Jobs;

/// <summary>
/// The <c>appJobSchedules</c> timer's handler on a fake clock set past a firing that the real clock is weeks away from
/// (so the host's own timer never fires it). The job runs a missing app's image, so its run fails before any container
/// starts: what is checked here is the firing, not the container.
/// </summary>
public sealed class AppJobTimerTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task Timer_TwoHostsFireTheSameDueTime_RecordOneRunAndAdvanceTheJob()
    {
        var ct = TestTimeout.Token(60);
        using var admin = api.CreateClient();
        var job = await CreateYearlyJobAsync(admin, ct);
        var due = (await api.Services.GetRequiredService<AppJobStore>().GetAsync(job, ct))!.NextDueAt!.Value;
        var clock = new FakeTimeProvider(due.AddSeconds(20));
        using var firstHost = api.Services.CreateScope();
        using var secondHost = api.Services.CreateScope();
        var first = ActivatorUtilities.CreateInstance<AppJobTimerFunction>(firstHost.ServiceProvider, clock);
        var second = ActivatorUtilities.CreateInstance<AppJobTimerFunction>(secondHost.ServiceProvider, clock);
        var invocation = new TimerInvocation(AppJobTimerFunction.Name, null, IsPastDue: false);

        await Task.WhenAll(Task.Run(() => first.RunAsync(invocation, ct), ct), Task.Run(() => second.RunAsync(invocation, ct), ct));
        clock.Advance(TimeSpan.FromSeconds(5));
        await first.RunAsync(invocation, ct);

        var runs = await Poll.UntilAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{job}/runs", ct)).GetProperty("items").EnumerateArray().ToList(),
            items => items.Count > 1 || items.Any(r => r.GetProperty("status").GetString() == "failed"),
            "the fired run to end", ct);
        var run = Assert.Single(runs);
        Assert.Equal("schedule", run.GetProperty("trigger").GetString());
        Assert.Equal(due, run.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(AppJobKeys.ScheduledRunId(job, due), run.GetProperty("id").GetString());
        Assert.Contains("no-such-app", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        var log = await admin.GetStringAsync(new Uri($"/api/v1/jobs/{job}/runs/{run.GetProperty("id").GetString()}/log", UriKind.Relative), ct);
        Assert.Contains("failed before the container started", log, StringComparison.Ordinal);
        var advanced = (await api.Services.GetRequiredService<AppJobStore>().GetAsync(job, ct))!;
        Assert.Equal(due.AddYears(1), advanced.NextDueAt);
    }

    private static async Task<string> CreateYearlyJobAsync(HttpClient admin, CancellationToken ct)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var identity = new IdentityAdmin(admin);
        await identity.CreateTeamAsync($"timer-{suffix}", [], ct);
        await identity.SendAsync(HttpMethod.Post, "/api/v1/pools", new
        {
            name = $"pool-{suffix}", provisioner = "podman", router = "local", registry = new { address = "127.0.0.1:5999", @namespace = "t", insecure = true },
        }, ct);
        await identity.SendAsync(HttpMethod.Post, "/api/v1/jobs", new
        {
            name = $"yearly-{suffix}", teamOwner = $"timer-{suffix}", pool = $"pool-{suffix}", schedule = "@yearly", container = new { app = "no-such-app" },
        }, ct);
        return $"yearly-{suffix}";
    }
}
