using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Stratus.Api.Apps.Jobs;
using Stratus.Api.Tests.Apps.Pipeline;
using Stratus.Api.Triggers;
using Stratus.Apps.Jobs;
using Stratus.Orchestrations.Jobs;
using Stratus.Storage;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Jobs;

/// <summary>
/// App jobs end to end on the real podman and registry, through the API: a one-off job triggered by hand, and a cron
/// job fired by the schedule timer on a fake clock. The busybox image is the pipeline tests' platform image.
/// </summary>
public sealed class AppJobPodmanTests(AppPipelineServer server) : IClassFixture<AppPipelineServer>
{
    [Fact]
    public async Task Trigger_OneOffJob_RecordsTheExitCodeAndTheLogWhichGoesWithTheJob()
    {
        if (Skip())
        {
            return;
        }

        var ct = TestTimeout.Token(120);
        using var admin = server.Client();
        var job = await CreateJobAsync(admin, new { manual = true, backoffLimit = 0 }, "echo hello-from-job; echo to-stderr >&2; exit 3", ct);

        using var triggered = await admin.PostAsync(new Uri($"/api/v1/jobs/{job}/trigger", UriKind.Relative), null, ct);
        Assert.Equal(HttpStatusCode.Accepted, triggered.StatusCode);
        var id = (await triggered.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
        var run = await EndedAsync(admin, $"/api/v1/jobs/{job}/runs/{id}", ct);
        var log = await admin.GetStringAsync(new Uri($"/api/v1/jobs/{job}/runs/{id}/log", UriKind.Relative), ct);
        var latest = await admin.GetStringAsync(new Uri($"/api/v1/jobs/{job}/log?follow=true", UriKind.Relative), ct);

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Equal(3, run.GetProperty("exitCode").GetInt32());
        Assert.Equal(1, run.GetProperty("attempts").GetInt32());
        Assert.Equal("manual", run.GetProperty("trigger").GetString());
        Assert.True(run.GetProperty("finishedAt").GetDateTimeOffset() >= run.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Contains("hello-from-job", log, StringComparison.Ordinal);
        Assert.Contains("to-stderr", log, StringComparison.Ordinal);
        Assert.Contains("exited 3", log, StringComparison.Ordinal);
        Assert.Equal(log, latest);

        // Removing the job takes its run logs with it.
        var logs = server.Services.GetRequiredService<IStorageAccount>().Blobs.GetContainer(StepLog.Container);
        Assert.NotEmpty((await logs.ListAsync($"appjobs/{job}/", cancellationToken: ct)).Items);
        using var deleted = await admin.DeleteAsync(new Uri($"/api/v1/jobs/{job}", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await logs.ListAsync($"appjobs/{job}/", cancellationToken: ct)).Items);
    }

    [Fact]
    public async Task Timer_CronJobOnAFakeClock_RunsItsContainerOnce()
    {
        if (Skip())
        {
            return;
        }

        var ct = TestTimeout.Token(120);
        using var admin = server.Client();
        var job = await CreateJobAsync(admin, new { schedule = "@yearly" }, "echo \"cron-run $GREETING\"", ct);
        (await admin.PostAsJsonAsync($"/api/v1/jobs/{job}/env", new { envs = new[] { new { name = "GREETING", value = "hi" } } }, ct)).EnsureSuccessStatusCode();
        var due = (await server.Services.GetRequiredService<AppJobStore>().GetAsync(job, ct))!.NextDueAt!.Value;
        using var scope = server.Services.CreateScope();
        var timer = ActivatorUtilities.CreateInstance<AppJobTimerFunction>(scope.ServiceProvider, new FakeTimeProvider(due.AddSeconds(2)));

        await timer.RunAsync(new TimerInvocation(AppJobTimerFunction.Name, null, IsPastDue: false), ct);
        await timer.RunAsync(new TimerInvocation(AppJobTimerFunction.Name, null, IsPastDue: false), ct);

        var id = AppJobKeys.ScheduledRunId(job, due);
        var run = await EndedAsync(admin, $"/api/v1/jobs/{job}/runs/{id}", ct);
        var runs = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{job}/runs", ct);
        var log = await admin.GetStringAsync(new Uri($"/api/v1/jobs/{job}/runs/{id}/log", UriKind.Relative), ct);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(0, run.GetProperty("exitCode").GetInt32());
        Assert.Single(runs.GetProperty("items").EnumerateArray());
        Assert.Contains("cron-run hi", log, StringComparison.Ordinal);
    }

    private static async Task<string> CreateJobAsync(HttpClient admin, object spec, string script, CancellationToken ct)
    {
        var image = (await BusyboxPlatformImage.Shared)!;
        var name = $"job-{Guid.NewGuid().ToString("N")[..8]}";
        var body = JsonSerializer.SerializeToNode(spec, JsonSerializerOptions.Web)!.AsObject();
        body["name"] = name;
        body["teamOwner"] = AppPipelineServer.Team;
        body["container"] = JsonSerializer.SerializeToNode(new { image, command = new[] { "sh", "-c", script } }, JsonSerializerOptions.Web);
        using var created = await admin.PostAsJsonAsync("/api/v1/jobs", body, ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
        return name;
    }

    private static Task<JsonElement> EndedAsync(HttpClient admin, string path, CancellationToken ct) =>
        Poll.UntilAsync(
            () => admin.GetFromJsonAsync<JsonElement>(path, ct),
            run => run.GetProperty("status").GetString() is "succeeded" or "failed",
            $"the run at {path} to end",
            ct);

    private bool Skip()
    {
        if (server.Unavailable is { } reason)
        {
            Console.WriteLine($"SKIPPED (app jobs on podman): {reason}");
            return true;
        }

        return false;
    }
}
