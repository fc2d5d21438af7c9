using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Stratus.Infra.Execution;
using Stratus.Orchestrations.Apps;
using Stratus.Testing;

namespace Stratus.Benchmarks.Apps;

/// <summary>
/// App deploy pipeline figures on the real registry, buildah and podman: what a deploy costs beyond its build and its
/// rollout (through the real API, loopback Kestrel, embedded store, the durable worker in-process), how fast an app
/// layer is built and pushed (the assembler straight against the registry), and how many bytes a redeploy pushes when
/// only the app's own files changed. A scenario that fails or stalls prints FAILED on stderr and the others still
/// run; without podman, buildah, busybox-static or docker-registry the suite prints a skip.
/// </summary>
internal static class AppsBenchmark
{
    private const double MiB = 1024 * 1024;
    private static readonly TimeSpan OverheadTarget = TimeSpan.FromSeconds(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly AppsWorkload Full = new(
        Deploys: 10,
        PushMiB: 200,
        PushRuns: 3,
        DependencyMiB: 20,
        OverheadTimeout: TimeSpan.FromMinutes(5),
        PushTimeout: TimeSpan.FromMinutes(5),
        RedeployTimeout: TimeSpan.FromMinutes(3));

    private static readonly AppsWorkload Quick = new(
        Deploys: 3,
        PushMiB: 20,
        PushRuns: 1,
        DependencyMiB: 5,
        OverheadTimeout: TimeSpan.FromSeconds(90),
        PushTimeout: TimeSpan.FromSeconds(60),
        RedeployTimeout: TimeSpan.FromSeconds(60));

    /// <param name="pushOnly">Only the layer build and push figures (no API, no podman rollouts).</param>
    /// <returns>False when any scenario failed.</returns>
    public static async Task<bool> RunAsync(bool quick, bool pushOnly = false)
    {
        if (LocalAppRuntime.Unavailable is { } reason)
        {
            Console.WriteLine($"SKIPPED apps: {reason}");
            return true;
        }

        var size = quick ? Quick : Full;
        string registry;
        string platformImage;
        try
        {
            registry = (await RegistryServer.Shared ?? throw new InvalidOperationException("No registry could be started.")).Address;
            platformImage = await BusyboxPlatformImage.Shared ?? throw new InvalidOperationException("The busybox platform image could not be built.");
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync($"FAILED apps: the registry or the platform image did not come up: {exception}");
            return false;
        }

        // The assembler alone first: nothing else is running, so the figure is the push path's own.
        var succeeded = await BenchmarkScenario.RunAsync("apps.push", size.PushTimeout, ct => PushBenchmark.RunAsync(registry, platformImage, size, ct));
        if (pushOnly)
        {
            return succeeded;
        }

        AppsBenchmarkServer server;
        try
        {
            using var starting = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            server = await AppsBenchmarkServer.StartAsync(registry, platformImage, starting.Token);
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync($"FAILED apps: the API did not start: {exception}");
            return false;
        }

        await using (server)
        {
            succeeded &= await BenchmarkScenario.RunAsync("apps.deploy_overhead", size.OverheadTimeout, ct => OverheadAsync(server, size, ct));
            succeeded &= await BenchmarkScenario.RunAsync("apps.redeploy", size.RedeployTimeout, ct => RedeployAsync(server, size, ct));
        }

        return succeeded;
    }

    /// <summary>
    /// One app, a one-file static site deployed again and again, one deploy at a time. Total is POST to the event's
    /// end (server time, so polling adds nothing); overhead is total minus the build and the rollout as the event's
    /// log times them, i.e. upload, event and lock, orchestration hops, version bookkeeping, routing and closing the
    /// event. Accept is the part of it before the 202 (upload stored, lock and event taken, orchestration scheduled). A
    /// first deploy warms up (JIT, first pull, first pod) and stays out of the figures.
    /// </summary>
    private static async Task OverheadAsync(AppsBenchmarkServer server, AppsWorkload size, CancellationToken cancellationToken)
    {
        var app = await server.CreateAppAsync("overhead", cancellationToken);
        var totals = new List<double>();
        var accepts = new List<double>();
        var builds = new List<double>();
        var rollouts = new List<double>();
        var overheads = new List<double>();
        var coarse = false;
        for (var i = 0; i <= size.Deploys; i++)
        {
            var archive = AppArchive.Create([AppArchive.Text("index.html", $"<h1>deploy {i}</h1>")]);
            var posted = TimeProvider.System.GetUtcNow();
            var accepting = Stopwatch.StartNew();
            var id = await server.StartDeployAsync(app, archive, cancellationToken);
            var accepted = accepting.Elapsed;
            var ended = await server.WaitForSuccessAsync(id, cancellationToken);
            if (i == 0)
            {
                continue;
            }

            var total = ended.EndedAt!.Value - posted;
            var timeline = DeployTimeline.Parse(await server.LogOfAsync(id, cancellationToken));
            coarse |= timeline.Coarse;
            totals.Add(total.TotalSeconds);
            accepts.Add(accepted.TotalMilliseconds);
            builds.Add(timeline.Build.TotalMilliseconds);
            rollouts.Add(timeline.Rollout.TotalMilliseconds);
            overheads.Add((total - timeline.Build - timeline.Rollout).TotalMilliseconds);
        }

        // The last version really serves: the figures are of deploys that worked end to end.
        var (status, body) = await server.GetThroughRouterAsync(app, cancellationToken);
        if (status != HttpStatusCode.OK || !body.Contains($"deploy {size.Deploys}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The last deploy of {app} does not serve its page: {(int)status} {body}");
        }

        if (coarse)
        {
            await Console.Error.WriteLineAsync("warning: the event log has whole-second stamps; build, rollout and overhead are ±1 s");
        }

        var overheadP50 = Results.Median(overheads);
        var overheadMax = overheads.Max();
        Results.Print("apps.deploys_measured", size.Deploys, "deploys");
        Results.Print("apps.deploy_total_p50", Results.Median(totals), "s");
        Results.Print("apps.deploy_total_max", totals.Max(), "s");
        Results.Print("apps.deploy_accept_p50", Results.Median(accepts), "ms");
        Results.Print("apps.deploy_build_p50", Results.Median(builds), "ms");
        Results.Print("apps.deploy_rollout_p50", Results.Median(rollouts), "ms");
        Results.Print("apps.deploy_overhead_p50", overheadP50, "ms");
        Results.Print("apps.deploy_overhead_max", overheadMax, "ms");
        Results.Print("apps.deploy_overhead_p50_vs_1s_target", overheadP50 / OverheadTarget.TotalMilliseconds, "x (below 1 meets it)");
        Results.Print("apps.deploy_overhead_max_vs_1s_target", overheadMax / OverheadTarget.TotalMilliseconds, "x (below 1 meets it)");
    }

    /// <summary>
    /// A site with a big unchanged dependency file and an index.html; the redeploy changes only index.html. What each
    /// push cost comes from the event's <see cref="DeployBuildData"/>.
    /// </summary>
    private static async Task RedeployAsync(AppsBenchmarkServer server, AppsWorkload size, CancellationToken cancellationToken)
    {
        var app = await server.CreateAppAsync("redeploy", cancellationToken);
        var dependencies = AppArchive.RandomBytes((int)(size.DependencyMiB * MiB));
        byte[] Site(string html) => AppArchive.Create([AppArchive.Text("index.html", html), ("vendor/dependencies.bin", dependencies)]);

        var first = await PushedAsync(server, app, Site("<h1>first</h1>"), cancellationToken);
        var second = await PushedAsync(server, app, Site("<h1>second</h1>"), cancellationToken);

        Results.Print("apps.redeploy_unchanged_file_size", size.DependencyMiB, "MiB");
        Results.Print("apps.first_deploy_bytes_pushed", first.BytesUploaded ?? 0, "bytes");
        Results.Print("apps.first_deploy_blobs_uploaded", first.BlobsUploaded ?? 0, "blobs");
        Results.Print("apps.redeploy_bytes_pushed", second.BytesUploaded ?? 0, "bytes");
        Results.Print("apps.redeploy_blobs_uploaded", second.BlobsUploaded ?? 0, "blobs");
        Results.Print("apps.redeploy_blobs_skipped", second.BlobsSkipped ?? 0, "blobs");
    }

    private static async Task<DeployBuildData> PushedAsync(AppsBenchmarkServer server, string app, byte[] archive, CancellationToken cancellationToken)
    {
        var id = await server.StartDeployAsync(app, archive, cancellationToken);
        var ended = await server.WaitForSuccessAsync(id, cancellationToken);
        return ended.CustomData is { } data && JsonSerializer.Deserialize<DeployBuildData>(data, Json) is { } pushed
            ? pushed
            : throw new InvalidOperationException($"Deploy {id} ended without its build data.");
    }
}
