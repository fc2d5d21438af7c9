using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Stratus.Benchmarks.Infra;
using Stratus.Testing;

namespace Stratus.Benchmarks;

/// <summary>
/// Infrastructure job figures on the real API (loopback Kestrel, embedded store, the durable worker in-process) with the
/// real terraform: how soon a job on an idle workspace starts, how late a cron schedule fires, and how many
/// plan-and-apply jobs on separate workspaces get through at once. Configurations use only built-in resources
/// (<c>terraform_data</c>), so nothing is downloaded. A scenario that fails or stalls prints FAILED on stderr and the
/// others still run; without terraform on PATH the suite prints a skip.
/// </summary>
internal static class InfraBenchmark
{
    private const string ScriptTemplate = "bench-script";
    private const string ScriptTcl = "flow:\n- type: customScripts\n  step: 100\n  commands:\n  - runtime: BASH\n    priority: 100\n    script: echo hi\n";
    private const string PlanAndApply = "plan-and-apply";

    // Quartz, six fields: every 5 s.
    private const string ScheduleCron = "0/5 * * ? * *";

    private const string Config = """
        resource "terraform_data" "item" {
          input = "bench"
        }

        output "label" {
          value = terraform_data.item.output
        }
        """;

    private static readonly InfraWorkload Full = new(
        PickupJobs: 20,
        ScheduleFirings: 5,
        ConcurrentWorkspaces: 50,
        PickupTimeout: TimeSpan.FromMinutes(2),
        ScheduleTimeout: TimeSpan.FromSeconds(90),
        ConcurrentTimeout: TimeSpan.FromMinutes(10));

    private static readonly InfraWorkload Quick = new(
        PickupJobs: 5,
        ScheduleFirings: 1,
        ConcurrentWorkspaces: 10,
        PickupTimeout: TimeSpan.FromSeconds(30),
        ScheduleTimeout: TimeSpan.FromSeconds(25),
        ConcurrentTimeout: TimeSpan.FromSeconds(90));

    /// <returns>False when any scenario failed.</returns>
    public static async Task<bool> RunAsync(bool quick)
    {
        if (Executables.Find("terraform") is null)
        {
            Console.WriteLine("RESULT infra skipped - terraform is not on PATH (install terraform 1.11 or later to run the infra benchmark)");
            return true;
        }

        var size = quick ? Quick : Full;
        InfraBenchmarkServer server;
        try
        {
            server = InfraBenchmarkServer.Start();
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync($"FAILED infra: the API did not start: {exception}");
            return false;
        }

        await using (server)
        {
            using var client = server.Client();
            var api = new InfraApi(client);
            var succeeded = await BenchmarkScenario.RunAsync("infra.job_pickup", size.PickupTimeout, ct => PickupAsync(api, size, ct));
            succeeded &= await BenchmarkScenario.RunAsync("infra.schedule_lag", size.ScheduleTimeout, ct => ScheduleLagAsync(api, size, ct));
            succeeded &= await BenchmarkScenario.RunAsync("infra.concurrent_plan_apply", size.ConcurrentTimeout, ct => ConcurrentPlanApplyAsync(api, size, ct));
            return succeeded;
        }
    }

    /// <summary>
    /// Create → running, one job at a time, each on an idle workspace of its own, with a one-command customScripts
    /// template. Pickup is the job's <c>startedAt</c> minus its <c>createdAt</c>, both server times.
    /// </summary>
    private static async Task PickupAsync(InfraApi api, InfraWorkload size, CancellationToken cancellationToken)
    {
        const string org = "bench-pickup";
        await api.CreateOrganizationAsync(org, cancellationToken);
        await api.CreateTemplateAsync(org, ScriptTemplate, ScriptTcl, cancellationToken);
        for (var i = 0; i <= size.PickupJobs; i++)
        {
            await api.CreateWorkspaceAsync(org, $"pickup-{i}", Config, cancellationToken);
        }

        // Workspace 0 warms up (JIT, first table and queue handles) and stays out of the figures.
        var pickups = new List<double>();
        for (var i = 0; i <= size.PickupJobs; i++)
        {
            var workspace = $"pickup-{i}";
            var id = await api.CreateJobAsync(org, workspace, ScriptTemplate, cancellationToken);
            var started = await api.WaitForStartAsync(org, workspace, id, cancellationToken);
            var done = await api.WaitForFinalAsync(org, workspace, id, TimeSpan.FromMilliseconds(50), cancellationToken);
            EnsureStatus(done, "completed");
            if (i > 0)
            {
                var pickup = started.GetProperty("startedAt").GetDateTimeOffset() - started.GetProperty("createdAt").GetDateTimeOffset();
                pickups.Add(pickup.TotalMilliseconds);
            }
        }

        var p50 = Results.Median(pickups);
        Results.Print("infra.job_pickup_p50", p50, "ms");
        Results.Print("infra.job_pickup_p99", Results.Percentile(pickups, 99), "ms");

        // Terrakube's executor looks for new jobs on a 30–60 s polling tick; pickup here is event-driven.
        Results.Print("infra.job_pickup_vs_terrakube_tick_30s", TimeSpan.FromSeconds(30).TotalMilliseconds / Math.Max(p50, 0.01), "x faster");
        Results.Print("infra.job_pickup_vs_terrakube_tick_60s", TimeSpan.FromSeconds(60).TotalMilliseconds / Math.Max(p50, 0.01), "x faster");
    }

    /// <summary>
    /// A schedule due every 5 s: lag is a scheduled job's <c>createdAt</c> minus the due time it was fired for (the
    /// schedule's <c>lastFiredAt</c> when its <c>lastJobId</c> turns to that job). The interval between fired due
    /// times shows whether firings are coalesced. Skipped when the schedules API is not there.
    /// </summary>
    private static async Task ScheduleLagAsync(InfraApi api, InfraWorkload size, CancellationToken cancellationToken)
    {
        const string org = "bench-schedule";
        const string workspace = "scheduled";
        await api.CreateOrganizationAsync(org, cancellationToken);
        await api.CreateTemplateAsync(org, ScriptTemplate, ScriptTcl, cancellationToken);
        await api.CreateWorkspaceAsync(org, workspace, Config, cancellationToken);

        var schedules = $"/api/v1/organizations/{org}/workspaces/{workspace}/schedules";
        var (status, body) = await api.TrySendAsync(HttpMethod.Post, schedules, new { cron = ScheduleCron, template = ScriptTemplate }, cancellationToken);
        if (status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            Console.WriteLine("RESULT infra.schedule_lag skipped - schedules API not available");
            return;
        }

        if ((int)status is < 200 or > 299)
        {
            throw new InvalidOperationException($"POST {schedules} answered {(int)status}: {body}");
        }

        var schedule = $"{schedules}/{IdOf(body)}";
        try
        {
            var lags = new List<double>();
            var dues = new List<DateTimeOffset>();
            int? lastJob = null;
            while (lags.Count < size.ScheduleFirings)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
                var (current, text) = await api.TrySendAsync(HttpMethod.Get, schedule, null, cancellationToken);
                if (current != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {schedule} answered {(int)current}: {text}");
                }

                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (root.TryGetProperty("lastSkipReason", out var skip) && skip.ValueKind == JsonValueKind.String)
                {
                    throw new InvalidOperationException($"The schedule skipped a firing: {skip.GetString()}");
                }

                if (!root.TryGetProperty("lastJobId", out var jobId) || jobId.ValueKind != JsonValueKind.Number || jobId.GetInt32() == lastJob)
                {
                    continue;
                }

                lastJob = jobId.GetInt32();
                var due = root.GetProperty("lastFiredAt").GetDateTimeOffset();
                var job = await api.GetJobAsync(org, workspace, lastJob.Value, cancellationToken);
                lags.Add((job.GetProperty("createdAt").GetDateTimeOffset() - due).TotalMilliseconds);
                dues.Add(due);
            }

            Results.Print("infra.schedule_lag_p50", Results.Median(lags), "ms");
            Results.Print("infra.schedule_lag_max", lags.Max(), "ms");
            if (dues.Count > 1)
            {
                Results.Print("infra.schedule_fired_interval_p50", Results.Median(dues.Zip(dues.Skip(1), (a, b) => (b - a).TotalSeconds)), "s");
            }
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await api.TrySendAsync(HttpMethod.Delete, schedule, null, timeout.Token);
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                // The server stops right after; the schedule goes with its data folder.
            }
        }
    }

    /// <summary>
    /// Plan and apply on many workspaces at once: every job is created together, and the wall time runs from just
    /// before the first create to the last job's <c>finishedAt</c>. A plan-and-apply alone on a warm server comes first.
    /// </summary>
    private static async Task ConcurrentPlanApplyAsync(InfraApi api, InfraWorkload size, CancellationToken cancellationToken)
    {
        const string org = "bench-concurrent";
        await api.CreateOrganizationAsync(org, cancellationToken);
        var workspaces = Enumerable.Range(0, size.ConcurrentWorkspaces).Select(i => $"apply-{i}").ToList();
        await api.CreateWorkspaceAsync(org, "apply-alone", Config, cancellationToken);
        foreach (var workspace in workspaces)
        {
            await api.CreateWorkspaceAsync(org, workspace, Config, cancellationToken);
        }

        var aloneId = await api.CreateJobAsync(org, "apply-alone", PlanAndApply, cancellationToken);
        var alone = await api.WaitForFinalAsync(org, "apply-alone", aloneId, TimeSpan.FromMilliseconds(100), cancellationToken);
        EnsureApplied(alone);
        Results.Print("infra.plan_apply_one_job", DurationOf(alone).TotalSeconds, "s");

        var start = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        var ids = await Task.WhenAll(workspaces.Select(w => api.CreateJobAsync(org, w, PlanAndApply, cancellationToken)));
        var finished = await Task.WhenAll(workspaces.Select((w, i) => api.WaitForFinalAsync(org, w, ids[i], TimeSpan.FromSeconds(1), cancellationToken)));
        stopwatch.Stop();
        foreach (var job in finished)
        {
            EnsureApplied(job);
        }

        var total = finished.Max(j => j.GetProperty("finishedAt").GetDateTimeOffset()) - start;
        Results.Print("infra.concurrent_plan_apply_workspaces", size.ConcurrentWorkspaces, "workspaces");
        Results.Print("infra.concurrent_plan_apply_total", total.TotalSeconds, "s");
        Results.Print("infra.concurrent_plan_apply_jobs_per_min", size.ConcurrentWorkspaces / total.TotalMinutes, "jobs/min");
        Results.Print("infra.concurrent_plan_apply_job_duration_p50", Results.Median(finished.Select(j => DurationOf(j).TotalSeconds)), "s");
    }

    private static TimeSpan DurationOf(JsonElement job) =>
        job.GetProperty("finishedAt").GetDateTimeOffset() - job.GetProperty("startedAt").GetDateTimeOffset();

    /// <summary>Completed, with the output the apply produced: terraform really ran.</summary>
    private static void EnsureApplied(JsonElement job)
    {
        EnsureStatus(job, "completed");
        if (!job.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Object
            || !outputs.TryGetProperty("label", out var label) || label.GetProperty("value").GetString() != "bench")
        {
            throw new InvalidOperationException($"Job {job.GetProperty("workspace").GetString()}/{job.GetProperty("id").GetInt32()} completed without the applied output: {job}");
        }
    }

    private static void EnsureStatus(JsonElement job, string expected)
    {
        var status = job.GetProperty("status").GetString();
        if (status != expected)
        {
            throw new InvalidOperationException($"Job {job.GetProperty("workspace").GetString()}/{job.GetProperty("id").GetInt32()} ended {status}, expected {expected}: {job}");
        }
    }

    private static string IdOf(string created)
    {
        using var document = JsonDocument.Parse(created);
        var id = document.RootElement.GetProperty("id");
        return id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
    }
}
