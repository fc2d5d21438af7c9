using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using Stratus.Kubernetes.Manifests;
using Stratus.Kubernetes.Runtime;
using Stratus.Kubernetes.Tests.Fakes;
using Stratus.Kubernetes.Tests.Manifests;
using Stratus.Testing;

namespace Stratus.Kubernetes.Tests.Runtime;

public sealed class KubernetesRuntimeTests : IAsyncLifetime
{
    private readonly TimerWatchingClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<string> _log = new();
    private FakeKubernetesApiServer _server = null!;
    private KubernetesRuntime _runtime = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubernetesApiServer.StartAsync();
        _runtime = Runtime(new KubernetesRuntimeOptions());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task DeployAsync_RolloutBecomesReady_AppliesEverythingAndSucceeds()
    {
        _server.Rollout = FakeRollouts.ReadyAfter(3);
        _server.Seed("pods", FakePods.Create("myapp", "web", 3, "myapp-web-a", podIp: "10.1.0.7"));

        var result = await DeployAsync(ManifestBuilderTests.Spec());

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.Crashed);
        Assert.Equal(["myapp-web", "myapp-worker"], _server.Names("deployments"));
        Assert.Equal(["myapp-web"], _server.Names("services"));
        Assert.Equal(["myapp-env"], _server.Names("secrets"));
        var unit = Assert.Single(result.Units);
        Assert.Equal(new UnitInfo("myapp-web-a", "web", 3, "started", "10.1.0.7:8888", true), unit);
        Assert.Contains("web: 0/2 units ready", _log);
        Assert.Contains("web: 1/2 units ready", _log);
        Assert.Contains("web: rollout complete (2 units)", _log);
        Assert.Contains("worker: rollout complete (1 units)", _log);
        // Watched, not polled: no time passed waiting.
        Assert.Equal(TimeSpan.Zero, _clock.Elapsed);
        var watch = Assert.Single(_server.Watches);
        Assert.Equal("/apis/apps/v1/namespaces/apps/deployments", watch.Path);
        Assert.True(watch.HasQuery("labelSelector=app-name%3Dmyapp%2Capp.kubernetes.io%2Fmanaged-by%3Dstratus"), watch.Query);
        await WatchesClosedAsync();
    }

    [Fact]
    public async Task DeployAsync_AppliedBodies_ServerSideApplyWithTheManifests()
    {
        var spec = ManifestBuilderTests.Spec();

        await DeployAsync(spec);

        var applied = _server.Applies("deployments", "myapp-web").Single();
        Assert.StartsWith("application/apply-patch+yaml", applied.ContentType, StringComparison.Ordinal);
        Assert.True(applied.HasQuery("fieldManager=stratus") && applied.HasQuery("force=true"), applied.Query);
        var container = applied.Json["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("/bin/sh -lc python migrate.py && echo ready && exec python app.py --port $PORT", string.Join(' ', container["command"]!.AsArray().Select(c => c!.GetValue<string>())));
        Assert.Equal("/healthz", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("250m", container["resources"]!["limits"]!["cpu"]!.GetValue<string>());
        Assert.Equal(2, applied.Json["spec"]!["replicas"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(KubernetesJson.Serialize(ManifestBuilder.BuildObjects(spec).Deployments[0])), applied.Json), applied.Body);
        // Services go out after the rollout, so a failed deploy never touches them.
        var requests = _server.Requests.ToList();
        Assert.True(
            requests.FindIndex(r => r.Method == "PATCH" && r.Path.EndsWith("/services/myapp-web", StringComparison.Ordinal))
            > requests.FindLastIndex(r => r.Method == "GET" && r.HasQuery("watch=true")));
    }

    [Fact]
    public async Task DeployAsync_RolloutFails_PreviousDeploymentReappliedAndCrashedLogsReported()
    {
        SeedPreviousVersion(version: 2, processes: ["web", "worker"]);
        _server.Rollout = FakeRollouts.ByVersion(new Dictionary<string, RolloutScript> { ["3"] = FakeRollouts.DeadlineExceeded }, FakeRollouts.Ready);
        _server.Seed("pods", FakePods.Create("myapp", "web", 3, "myapp-web-new", ready: false, restartCount: 4, waitingReason: "CrashLoopBackOff", lastExitCode: 1));
        _server.Seed("pods", FakePods.Create("myapp", "web", 2, "myapp-web-old"));
        _server.PodLogs["myapp-web-new/web/previous"] = string.Concat(Enumerable.Range(1, 30).Select(i => $"line {i}\n")) + "Traceback: ImportError\n";

        var result = await DeployAsync(ManifestBuilderTests.Spec());

        Assert.False(result.Succeeded);
        Assert.Contains("web: the rollout exceeded its progress deadline", result.Error, StringComparison.Ordinal);
        var crashed = Assert.Single(result.Crashed);
        Assert.Equal("myapp-web-new", crashed.Id);
        Assert.Equal("web", crashed.Process);
        Assert.Equal("CrashLoopBackOff (exit code 1), 4 restarts: back-off 40s restarting failed container", crashed.Reason);
        Assert.Equal(20, crashed.LastLogLines.Count);
        Assert.Equal("Traceback: ImportError", crashed.LastLogLines[^1]);

        foreach (var process in new[] { "web", "worker" })
        {
            var applies = _server.Applies("deployments", $"myapp-{process}");
            Assert.Equal(2, applies.Count);
            var restore = applies[1].Json;
            Assert.Equal("2", restore["spec"]!["template"]!["metadata"]!["labels"]!["app-version"]!.GetValue<string>());
            Assert.Null(restore["status"]);
            foreach (var field in new[] { "managedFields", "resourceVersion", "uid", "creationTimestamp", "generation" })
            {
                Assert.Null(restore["metadata"]![field]);
            }

            Assert.Equal("2", _server.Get("deployments", $"myapp-{process}")!["metadata"]!["labels"]!["app-version"]!.GetValue<string>());
        }

        // The previous environment is back, and no Service was applied for the failed version.
        Assert.Equal("djI=", _server.Get("secrets", "myapp-env")!["data"]!["VERSION"]!.GetValue<string>());
        Assert.Empty(_server.Applies("services", "myapp-web"));
        Assert.Contains("web: restored version 2", _log);
        Assert.Contains("  Traceback: ImportError", _log);
    }

    [Fact]
    public async Task DeployAsync_NewProcessFails_DeletedWhileExistingOneRestored()
    {
        SeedPreviousVersion(version: 2, processes: ["web"]);
        _server.Rollout = FakeRollouts.ByVersion(new Dictionary<string, RolloutScript> { ["3"] = FakeRollouts.NeverReady }, FakeRollouts.Ready);

        var result = await DeployToDeadlinesAsync(ManifestBuilderTests.Spec());

        Assert.False(result.Succeeded);
        Assert.Equal(["myapp-web"], _server.Names("deployments"));
        Assert.Contains(_server.Requests, r => r.Method == "DELETE" && r.Path == "/apis/apps/v1/namespaces/apps/deployments/myapp-worker");
        Assert.Contains("worker: removed (it is new in this version)", _log);
    }

    [Fact]
    public async Task DeployAsync_FirstDeployFails_NothingLeftBehind()
    {
        _server.Rollout = FakeRollouts.NeverReady;

        var result = await DeployToDeadlinesAsync(ManifestBuilderTests.Spec());

        Assert.False(result.Succeeded);
        Assert.Empty(_server.Names("deployments"));
        Assert.Empty(_server.Names("secrets"));
        Assert.Empty(_server.Names("services"));
    }

    [Fact]
    public async Task DeployAsync_ProcessRemovedFromSpec_PrunedOnSuccess()
    {
        SeedPreviousVersion(version: 2, processes: ["web", "worker", "cron"]);
        _server.Seed("services", Labelled("Service", "v1", "myapp-cron", "cron"));
        _server.Seed("services", Labelled("Service", "v1", "myapp-worker", "worker"));
        // Not Stratus's: same app label, but another manager; must survive.
        var foreign = Labelled("Deployment", "apps/v1", "myapp-sidecar", "sidecar");
        foreign["metadata"]!["labels"]!["app.kubernetes.io/managed-by"] = "helm";
        _server.Seed("deployments", foreign);

        var result = await DeployAsync(ManifestBuilderTests.Spec());

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["myapp-sidecar", "myapp-web", "myapp-worker"], _server.Names("deployments"));
        // The worker has no port any more, so its Service goes too.
        Assert.Equal(["myapp-web"], _server.Names("services"));
        Assert.Contains("cron: removed deployment myapp-cron (no longer in the app)", _log);
    }

    [Fact]
    public async Task DeployAsync_NeverReady_FailsAtTheHealthWaitOnTheFakeClock()
    {
        _server.Rollout = FakeRollouts.NeverReady;
        var spec = ManifestBuilderTests.Spec(processes: [new WorkloadProcess("web", "httpd", 1, 8888, null)]);

        var result = await DeployToDeadlinesAsync(spec);

        Assert.False(result.Succeeded);
        Assert.Equal("web: 0/1 units ready after 120 s", result.Error);
        Assert.Equal(TimeSpan.FromSeconds(120), _clock.Elapsed);
        await WatchesClosedAsync();
    }

    [Fact]
    public async Task DeployAsync_LongDeployTimeout_WaitsThatLong()
    {
        _server.Rollout = FakeRollouts.NeverReady;
        var check = new HealthcheckSpec("/", null) { DeployTimeoutSeconds = 300 };
        var spec = ManifestBuilderTests.Spec(processes: [new WorkloadProcess("web", "httpd", 1, 8888, check)]);

        var result = await DeployToDeadlinesAsync(spec);

        Assert.Equal("web: 0/1 units ready after 300 s", result.Error);
        Assert.Equal(TimeSpan.FromSeconds(300), _clock.Elapsed);
    }

    [Fact]
    public async Task DeployAsync_NoProgress_FailsAtTheProgressTimeout()
    {
        _runtime = Runtime(new KubernetesRuntimeOptions { ProgressTimeout = TimeSpan.FromSeconds(30), MinimumHealthWait = TimeSpan.FromMinutes(30) });
        _server.Rollout = FakeRollouts.NeverReady;

        var result = await DeployToDeadlinesAsync(ManifestBuilderTests.Spec(processes: [new WorkloadProcess("web", "httpd", 1, 8888, null)]));

        Assert.Equal("web: no rollout progress for 30 s (0/1 units ready)", result.Error);
        Assert.Equal(TimeSpan.FromSeconds(30), _clock.Elapsed);
    }

    [Fact]
    public async Task DeployAsync_ApplyRefused_FailsWithTheApiMessageAndRestores()
    {
        SeedPreviousVersion(version: 2, processes: ["web"]);
        _server.FailWhen(r => r.Method == "PATCH" && r.Path.EndsWith("/deployments/myapp-worker", StringComparison.Ordinal), 422, "Invalid", "spec.replicas: Invalid value: -1");

        var result = await DeployAsync(ManifestBuilderTests.Spec());

        Assert.False(result.Succeeded);
        Assert.Contains("spec.replicas: Invalid value: -1", result.Error, StringComparison.Ordinal);
        Assert.Equal("2", _server.Get("deployments", "myapp-web")!["metadata"]!["labels"]!["app-version"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeployAsync_CancelledDuringRollout_RestoresThenThrows()
    {
        SeedPreviousVersion(version: 2, processes: ["web"]);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token());
        _server.Rollout = (deployment, reads) =>
        {
            if (reads == 3)
            {
                cancel.Cancel();
            }

            return FakeRollouts.NeverReady(deployment, reads);
        };
        var spec = ManifestBuilderTests.Spec(processes: [new WorkloadProcess("web", "httpd", 1, 8888, null)]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _runtime.DeployAsync(spec, _log.Enqueue, cancel.Token));

        Assert.Equal("2", _server.Get("deployments", "myapp-web")!["metadata"]!["labels"]!["app-version"]!.GetValue<string>());
        Assert.Equal("djI=", _server.Get("secrets", "myapp-env")!["data"]!["VERSION"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeployAsync_SameSpecTwice_ConvergesWithSameBodies()
    {
        var spec = ManifestBuilderTests.Spec();

        Assert.True((await DeployAsync(spec)).Succeeded);
        Assert.True((await DeployAsync(spec)).Succeeded);

        var applies = _server.Applies("deployments", "myapp-web");
        Assert.Equal(2, applies.Count);
        Assert.Equal(applies[0].Body, applies[1].Body);
        Assert.Equal(1, _server.Get("deployments", "myapp-web")!["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task DeployAsync_WatchClosedMidRollout_ResumedFromTheLastResourceVersion()
    {
        _server.Rollout = FakeRollouts.ReadyAfter(3);
        _server.CloseFirstWatchAfter = 2;

        var result = await DeployAsync(ManifestBuilderTests.Spec());

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains("web: rollout complete (2 units)", _log);
        Assert.Contains("worker: rollout complete (1 units)", _log);
        var watches = _server.Watches;
        Assert.Equal(2, watches.Count);
        Assert.DoesNotContain("resourceVersion=", watches[0].Query, StringComparison.Ordinal);
        // The second event of the first watch was worker's ADDED: the resumed watch starts after it.
        var resumedFrom = watches[1].Query.TrimStart('?').Split('&').Single(p => p.StartsWith("resourceVersion=", StringComparison.Ordinal));
        Assert.NotEqual("resourceVersion=", resumedFrom);
        Assert.Equal(TimeSpan.Zero, _clock.Elapsed);
    }

    [Fact]
    public async Task DeployAsync_WatchClosedWithoutEvents_ReopenedAfterThePause()
    {
        _server.Rollout = FakeRollouts.Ready;
        _server.CloseFirstWatchAfter = 0;
        _runtime = Runtime(new KubernetesRuntimeOptions { WatchRetryDelay = TimeSpan.FromSeconds(3) });

        // Only the pause moves the clock: the rollout deadlines must not pass meanwhile.
        var token = TestTimeout.Token();
        var result = await _clock.RunToDeadlinesAsync(_runtime.DeployAsync(ManifestBuilderTests.Spec(), _log.Enqueue, token), token, due => due == TimeSpan.FromSeconds(3));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, _server.Watches.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), _clock.Elapsed);
    }

    [Fact]
    public async Task DeployAsync_Rollout_SpansForTheWaitAndEachCall()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Stratus",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var result = await DeployAsync(ManifestBuilderTests.Spec());

        Assert.True(result.Succeeded, result.Error);
        var wait = Assert.Single(spans, s => s.OperationName == "kubernetes rollout wait" && (string?)s.GetTagItem("stratus.app") == "myapp");
        Assert.Equal(ActivityStatusCode.Unset, wait.Status);
        var apply = spans.First(s => s.OperationName == "kubernetes PATCH" && (string?)s.GetTagItem("url.path") == "/apis/apps/v1/namespaces/apps/deployments/myapp-web");
        Assert.Equal(201, apply.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityKind.Client, apply.Kind);
    }

    [Fact]
    public async Task GetUnitsAsync_PodStates_TsuruUnitStatuses()
    {
        _server.Seed("pods", FakePods.Create("myapp", "web", 3, "a-pending", phase: "Pending", ready: false, podIp: null));
        _server.Seed("pods", FakePods.Create("myapp", "web", 3, "b-starting", ready: false));
        _server.Seed("pods", FakePods.Create("myapp", "web", 3, "c-started", podIp: "10.0.0.9"));
        _server.Seed("pods", FakePods.Create("myapp", "web", 3, "d-crashing", ready: false, restartCount: 2, waitingReason: "CrashLoopBackOff"));
        _server.Seed("pods", FakePods.Create("myapp", "job", 3, "e-done", phase: "Succeeded", ready: false, port: 0));
        _server.Seed("pods", FakePods.Create("myapp", "job", 3, "f-failed", phase: "Failed", ready: false, port: 0));
        _server.Seed("pods", FakePods.Create("other", "web", 1, "g-other"));

        var units = await _runtime.GetUnitsAsync("myapp", TestTimeout.Token());

        Assert.Equal(
            [
                "e-done job stopped", "f-failed job error",
                "a-pending web created", "b-starting web starting", "c-started web started", "d-crashing web error",
            ],
            units.Select(u => $"{u.Id} {u.Process} {u.Status}"));
        Assert.Equal("10.0.0.9:8888", units.Single(u => u.Id == "c-started").Address);
        Assert.Null(units.Single(u => u.Id == "a-pending").Address);
        Assert.Null(units.Single(u => u.Id == "e-done").Address);
    }

    [Fact]
    public async Task RemoveAppAsync_DeployedApp_DeletesEverythingAndToleratesGone()
    {
        await DeployAsync(ManifestBuilderTests.Spec());
        _server.Seed("ingresses", new JsonObject { ["apiVersion"] = "networking.k8s.io/v1", ["kind"] = "Ingress", ["metadata"] = new JsonObject { ["name"] = "myapp" } });

        await _runtime.RemoveAppAsync("myapp", TestTimeout.Token());
        await _runtime.RemoveAppAsync("myapp", TestTimeout.Token());

        Assert.Empty(_server.Names("deployments"));
        Assert.Empty(_server.Names("services"));
        Assert.Empty(_server.Names("secrets"));
        Assert.Empty(_server.Names("ingresses"));
    }

    [Fact]
    public async Task ReadLogsAsync_TwoUnits_LastLinesInTimeOrder()
    {
        _server.Seed("pods", FakePods.Create("myapp", "web", 3, "web-a"));
        _server.Seed("pods", FakePods.Create("myapp", "worker", 3, "worker-a", port: 0));
        _server.PodLogs["web-a/web"] = "2026-01-01T00:00:01.123456789Z GET /\n2026-01-01T00:00:03.000000000Z GET /x\n";
        _server.PodLogs["worker-a/worker"] = "2026-01-01T00:00:02.5Z tick\n2026-01-01T00:00:04Z tock\n";

        var lines = new List<UnitLogLine>();
        await foreach (var line in _runtime.ReadLogsAsync("myapp", null, 3, follow: false, TestTimeout.Token()))
        {
            lines.Add(line);
        }

        Assert.Equal(["worker-a tick", "web-a GET /x", "worker-a tock"], lines.Select(l => $"{l.Unit} {l.Text}"));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 2, 500, TimeSpan.Zero), lines[0].Time);
        Assert.All(_server.Requests.Where(r => r.Path.EndsWith("/log", StringComparison.Ordinal)), r => Assert.True(r.HasQuery("timestamps=true")));
    }

    [Fact]
    public async Task ReadLogsAsync_Follow_StreamsUntilCancelled()
    {
        _server.Seed("pods", FakePods.Create("myapp", "web", 3, "web-a"));
        _server.PodLogs["web-a/web"] = "2026-01-01T00:00:01Z one\n2026-01-01T00:00:02Z two\n";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token());

        var lines = new List<string>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var line in _runtime.ReadLogsAsync("myapp", "web", 10, follow: true, stop.Token))
            {
                lines.Add(line.Text);
                if (lines.Count == 2)
                {
                    await stop.CancelAsync();
                }
            }
        });

        Assert.Equal(["one", "two"], lines);
        Assert.True(_server.Requests.Single(r => r.Path.EndsWith("/log", StringComparison.Ordinal)).HasQuery("follow=true"));
    }

    /// <summary>A finished or abandoned watch lets go of its connection (polled, with a deadline).</summary>
    private async Task WatchesClosedAsync()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token());
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (_server.OpenWatches > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    private KubernetesRuntime Runtime(KubernetesRuntimeOptions options) => new(_server.Client(), "apps", options, _clock);

    /// <summary>A deploy whose clock never moves: whatever it waits for must come from the watch.</summary>
    private Task<RolloutResult> DeployAsync(WorkloadSpec spec) => _runtime.DeployAsync(spec, _log.Enqueue, TestTimeout.Token());

    /// <summary>A deploy whose clock jumps to each deadline it sets (a rollout that never finishes).</summary>
    private Task<RolloutResult> DeployToDeadlinesAsync(WorkloadSpec spec)
    {
        var token = TestTimeout.Token();
        return _clock.RunToDeadlinesAsync(_runtime.DeployAsync(spec, _log.Enqueue, token), token);
    }

    /// <summary>What a successful earlier deploy left: its Deployments (with server fields and status) and Secret.</summary>
    private void SeedPreviousVersion(int version, IReadOnlyList<string> processes)
    {
        var spec = ManifestBuilderTests.Spec(version, processes.Select(p => new WorkloadProcess(p, $"run-{p}", 1, p == "web" ? 8888 : 0, null)).ToList()) with
        {
            Env = new Dictionary<string, string> { ["VERSION"] = "v2" },
        };
        foreach (var manifest in ManifestBuilder.Build(spec))
        {
            var kind = manifest["kind"]!.GetValue<string>() switch
            {
                "Deployment" => "deployments",
                "Secret" => "secrets",
                _ => null,
            };
            if (kind is null)
            {
                continue;
            }

            manifest["metadata"]!["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "stratus" });
            manifest["metadata"]!["generation"] = 4;
            manifest["status"] = new JsonObject { ["observedGeneration"] = 4, ["replicas"] = 1, ["readyReplicas"] = 1 };
            _server.Seed(kind, manifest);
        }
    }

    private static JsonObject Labelled(string kind, string apiVersion, string name, string process) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject { ["app-name"] = "myapp", ["app-process"] = process, ["app.kubernetes.io/managed-by"] = "stratus" },
        },
        ["spec"] = new JsonObject(),
    };
}
