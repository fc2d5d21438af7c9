using System.Net;
using Stratus.Kubernetes.Runtime;
using Stratus.Testing;

namespace Stratus.Kubernetes.Tests.Runtime;

/// <summary>Apps really run under podman kube play (host network), played from the manifests Kubernetes gets.</summary>
public sealed class PodmanRuntimeTests : IClassFixture<PodmanRuntimeFixture>
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    private readonly PodmanRuntimeFixture _podman;

    public PodmanRuntimeTests(PodmanRuntimeFixture podman) => _podman = podman;

    [PodmanFact]
    public async Task DeployAsync_TwoUnits_ServesOnTwoPorts()
    {
        var runtime = _podman.CreateRuntime();
        var app = _podman.NewApp();
        var log = new List<string>();

        var result = await runtime.DeployAsync(Spec(app, 1, Serve("v1"), units: 2), log.Add, TestTimeout.Token(180));

        Assert.True(result.Succeeded, result.Error + "\n" + string.Join('\n', log));
        Assert.Equal(2, result.Units.Count);
        Assert.All(result.Units, u => Assert.Equal(("started", true, 1, "web"), (u.Status, u.Ready, u.Version, u.Process)));
        Assert.Equal(2, result.Units.Select(u => u.Address).Distinct().Count());
        foreach (var unit in result.Units)
        {
            Assert.Equal("v1", (await GetAsync(unit.Address!, "/")).Trim());
        }

        Assert.Contains(log, l => l.StartsWith("$ podman kube play --network host --replace", StringComparison.Ordinal));
    }

    [PodmanFact]
    public async Task DeployAsync_EnvWithSpacesAndQuotes_ReachesProcess()
    {
        var runtime = _podman.CreateRuntime();
        var app = _podman.NewApp();
        const string Value = "hello \"quoted\" 'single' $HOME & more";
        var env = new Dictionary<string, string> { ["GREETING"] = Value, ["OTHER"] = "x=y" };
        // Through a restart:before hook, which runs in the unit's shell before the command.
        var spec = Spec(app, 1, "httpd -f -p $PORT -h /tmp/www", env: env) with
        {
            RestartBefore = ["mkdir -p /tmp/www", "printf '%s|%s' \"$GREETING\" \"$OTHER\" > /tmp/www/index.html"],
        };

        var result = await runtime.DeployAsync(spec, _ => { }, TestTimeout.Token(180));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(Value + "|x=y", await GetAsync(result.Units.Single().Address!, "/"));
    }

    [PodmanFact]
    public async Task DeployAsync_SecondVersion_ReplacesFirstAndRemovesOldUnits()
    {
        var runtime = _podman.CreateRuntime();
        var app = _podman.NewApp();
        var first = await runtime.DeployAsync(Spec(app, 1, Serve("v1")), _ => { }, TestTimeout.Token(180));
        Assert.True(first.Succeeded, first.Error);

        var second = await runtime.DeployAsync(Spec(app, 2, Serve("v2")), _ => { }, TestTimeout.Token(180));

        Assert.True(second.Succeeded, second.Error);
        var unit = Assert.Single(second.Units);
        Assert.Equal(2, unit.Version);
        Assert.NotEqual(first.Units.Single().Id, unit.Id);
        Assert.Equal("v2", (await GetAsync(unit.Address!, "/")).Trim());
        Assert.DoesNotContain(first.Units.Single().Id, await _podman.PodmanAsync("ps", "-a", "--filter", $"label=app-name={app}", "--format", "{{.Names}}"));
        Assert.Equal(2, Assert.Single(await runtime.GetUnitsAsync(app, TestTimeout.Token())).Version);
    }

    [PodmanFact]
    public async Task DeployAsync_CrashingProcess_FailsFastWithLogsAndPreviousVersionServes()
    {
        // A rollout that would wait the full timeout runs into the test's token: only failing fast passes.
        var runtime = _podman.CreateRuntime(o => o.MinimumReadyTimeout = TimeSpan.FromMinutes(10));
        var app = _podman.NewApp();
        var first = await runtime.DeployAsync(Spec(app, 1, Serve("v1")), _ => { }, TestTimeout.Token(180));
        Assert.True(first.Succeeded, first.Error);
        var log = new List<string>();

        var second = await runtime.DeployAsync(Spec(app, 2, Shell("echo boom; exit 3")), log.Add, TestTimeout.Token(180));

        Assert.False(second.Succeeded);
        var crashed = Assert.Single(second.Crashed);
        Assert.Equal("web", crashed.Process);
        Assert.Contains("boom", crashed.LastLogLines);
        Assert.Contains("exit", crashed.Reason, StringComparison.Ordinal);
        Assert.Contains("3", crashed.Reason, StringComparison.Ordinal);
        Assert.Contains("crashed", second.Error, StringComparison.Ordinal);
        Assert.Contains(log, l => l == "boom");
        var old = Assert.Single(second.Units);
        Assert.Equal((first.Units.Single().Id, 1), (old.Id, old.Version));
        Assert.Equal("v1", (await GetAsync(old.Address!, "/")).Trim());
    }

    [PodmanFact]
    public async Task DeployAsync_HealthcheckPathNotFound_FailsRollout()
    {
        var runtime = _podman.CreateRuntime(o => o.MinimumReadyTimeout = TimeSpan.FromSeconds(4));
        var app = _podman.NewApp();
        var healthcheck = new HealthcheckSpec("/missing", null) { DeployTimeoutSeconds = 1, TimeoutSeconds = 2 };

        var result = await runtime.DeployAsync(Spec(app, 1, Serve("v1"), healthcheck: healthcheck), _ => { }, TestTimeout.Token(180));

        Assert.False(result.Succeeded);
        Assert.Contains("not ready", result.Error, StringComparison.Ordinal);
        Assert.Contains("GET /missing", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Crashed);
        Assert.Empty(result.Units);
        Assert.Empty(await runtime.GetUnitsAsync(app, TestTimeout.Token()));
    }

    [PodmanFact]
    public async Task DeployAsync_HealthcheckPathAndCommandPass_Succeeds()
    {
        var runtime = _podman.CreateRuntime();
        var app = _podman.NewApp();
        var web = new WorkloadProcess("web", Serve("ok"), 1, 8888, new HealthcheckSpec("/index.html", null));
        var worker = new WorkloadProcess("worker", Shell("touch /tmp/alive; exec sleep 3600"), 1, 0, new HealthcheckSpec(null, "test -f /tmp/alive"));

        var result = await runtime.DeployAsync(Spec(app, 1, "", processes: [web, worker]), _ => { }, TestTimeout.Token(180));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["web", "worker"], result.Units.Select(u => u.Process));
        Assert.Null(result.Units.Single(u => u.Process == "worker").Address);
        Assert.All(result.Units, u => Assert.True(u.Ready));
    }

    [PodmanFact]
    public async Task DeployAsync_ZeroUnits_StopsProcess()
    {
        var runtime = _podman.CreateRuntime();
        var app = _podman.NewApp();
        var started = await runtime.DeployAsync(Spec(app, 1, Serve("v1")), _ => { }, TestTimeout.Token(180));
        Assert.True(started.Succeeded, started.Error);

        var stopped = await runtime.DeployAsync(Spec(app, 1, Serve("v1"), units: 0), _ => { }, TestTimeout.Token(180));

        Assert.True(stopped.Succeeded, stopped.Error);
        Assert.Empty(stopped.Units);
        Assert.Empty(await runtime.GetUnitsAsync(app, TestTimeout.Token()));
        Assert.Empty((await _podman.PodmanAsync("pod", "ps", "-q", "--filter", $"label=app-name={app}")).Trim());
    }

    [PodmanFact]
    public async Task DeployAsync_SameSpecScaledUp_KeepsRunningUnitAndAddsOne()
    {
        var runtime = _podman.CreateRuntime();
        var app = _podman.NewApp();
        var one = await runtime.DeployAsync(Spec(app, 1, Serve("v1")), _ => { }, TestTimeout.Token(180));
        Assert.True(one.Succeeded, one.Error);

        var two = await runtime.DeployAsync(Spec(app, 1, Serve("v1"), units: 2), _ => { }, TestTimeout.Token(180));

        Assert.True(two.Succeeded, two.Error);
        Assert.Equal(2, two.Units.Count);
        Assert.Contains(two.Units, u => u.Id == one.Units.Single().Id && u.Address == one.Units.Single().Address);
    }

    [PodmanFact]
    public async Task DeployAsync_RestartedAtChanged_ReplacesUnitsOfSameVersion()
    {
        var runtime = _podman.CreateRuntime();
        var app = _podman.NewApp();
        var first = await runtime.DeployAsync(Spec(app, 1, Serve("v1")), _ => { }, TestTimeout.Token(180));
        Assert.True(first.Succeeded, first.Error);

        var restarted = await runtime.DeployAsync(Spec(app, 1, Serve("v1")) with { RestartedAt = "2026-01-01T00:00:00Z" }, _ => { }, TestTimeout.Token(180));

        Assert.True(restarted.Succeeded, restarted.Error);
        var unit = Assert.Single(restarted.Units);
        Assert.NotEqual(first.Units.Single().Id, unit.Id);
        Assert.Equal(1, unit.Version);
        Assert.Equal("v1", (await GetAsync(unit.Address!, "/")).Trim());
    }

    [PodmanFact]
    public async Task DeployAsync_RestartAfterHook_RunsOnceInEachUnit()
    {
        var runtime = _podman.CreateRuntime();
        var app = _podman.NewApp();
        var spec = Spec(app, 1, Serve("v1")) with { RestartAfter = ["mkdir -p /tmp/www && echo ran >> /tmp/www/hook.txt"] };
        var log = new List<string>();

        var result = await runtime.DeployAsync(spec, log.Add, TestTimeout.Token(180));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("ran\n", await GetAsync(result.Units.Single().Address!, "/hook.txt"));
        Assert.Contains(log, l => l.StartsWith("$ podman exec ", StringComparison.Ordinal));
    }

    [PodmanFact]
    public async Task DeployAsync_CancelledWhileWaiting_RemovesNewUnitsAndKeepsPrevious()
    {
        var runtime = _podman.CreateRuntime(o => o.MinimumReadyTimeout = TimeSpan.FromMinutes(10));
        var app = _podman.NewApp();
        var first = await runtime.DeployAsync(Spec(app, 1, Serve("v1")), _ => { }, TestTimeout.Token(180));
        Assert.True(first.Succeeded, first.Error);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token(180));
        var neverReady = new HealthcheckSpec("/missing", null);

        // Cancelled once the new unit runs and the rollout waits for it.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runtime.DeployAsync(
            Spec(app, 2, Serve("v2"), healthcheck: neverReady),
            line =>
            {
                if (line.StartsWith("waiting up to", StringComparison.Ordinal))
                {
                    _ = Task.Run(cancel.Cancel);
                }
            },
            cancel.Token));

        var units = await runtime.GetUnitsAsync(app, TestTimeout.Token());
        Assert.Equal(first.Units.Single().Id, Assert.Single(units).Id);
        Assert.Equal("v1", (await GetAsync(units.Single().Address!, "/")).Trim());
        Assert.DoesNotContain("-v2-", await _podman.PodmanAsync("ps", "-a", "--filter", $"label=app-name={app}", "--format", "{{.Names}}"), StringComparison.Ordinal);
        Assert.DoesNotContain("-v2-", await _podman.PodmanAsync("pod", "ps", "--filter", $"label=app-name={app}", "--format", "{{.Name}}"), StringComparison.Ordinal);
    }

    [PodmanFact]
    public async Task RemoveAppAsync_RunningApp_RemovesEveryPodAndIsIdempotent()
    {
        var runtime = _podman.CreateRuntime();
        var app = _podman.NewApp();
        var other = _podman.NewApp();
        Assert.True((await runtime.DeployAsync(Spec(app, 1, Serve("v1"), units: 2), _ => { }, TestTimeout.Token(180))).Succeeded);
        Assert.True((await runtime.DeployAsync(Spec(other, 1, Serve("other")), _ => { }, TestTimeout.Token(180))).Succeeded);

        await runtime.RemoveAppAsync(app, TestTimeout.Token(120));
        await runtime.RemoveAppAsync(app, TestTimeout.Token(120));

        Assert.Empty(await runtime.GetUnitsAsync(app, TestTimeout.Token()));
        Assert.Empty((await _podman.PodmanAsync("pod", "ps", "-q", "--filter", $"label=app-name={app}")).Trim());
        Assert.Single(await runtime.GetUnitsAsync(other, TestTimeout.Token()));
    }

    [PodmanFact]
    public async Task ReadLogsAsync_Tail_ReturnsLastLinesOfEveryUnit()
    {
        var runtime = _podman.CreateRuntime();
        var app = _podman.NewApp();
        var command = Shell("for i in 1 2 3 4 5; do echo line-$i; done; " + ServeScript("v1"));
        var result = await runtime.DeployAsync(Spec(app, 1, command, units: 2), _ => { }, TestTimeout.Token(180));
        Assert.True(result.Succeeded, result.Error);

        var all = await ReadAllAsync(runtime.ReadLogsAsync(app, "web", 10, follow: false, TestTimeout.Token()));
        var lastTwo = await ReadAllAsync(runtime.ReadLogsAsync(app, null, 2, follow: false, TestTimeout.Token()));

        Assert.Equal(10, all.Count);
        foreach (var unit in result.Units)
        {
            Assert.Equal(["line-1", "line-2", "line-3", "line-4", "line-5"], all.Where(l => l.Unit == unit.Id).Select(l => l.Text));
        }

        Assert.All(all, l => Assert.Equal("web", l.Process));
        Assert.Equal(all.OrderBy(l => l.Time).Select(l => l.Time), all.Select(l => l.Time));
        Assert.Equal(2, lastTwo.Count);
        Assert.Equal("line-5", lastTwo[^1].Text);
    }

    [PodmanFact]
    public async Task ReadLogsAsync_Follow_StreamsNewLinesUntilCancelled()
    {
        var runtime = _podman.CreateRuntime();
        var app = _podman.NewApp();
        // A worker: no port, no probe; ready once running.
        var ticker = new WorkloadProcess("ticker", Shell("i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.2; done"), 1, 0, null);
        var result = await runtime.DeployAsync(Spec(app, 1, "", processes: [ticker]), _ => { }, TestTimeout.Token(180));
        Assert.True(result.Succeeded, result.Error);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token());

        var ticks = new List<string>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var line in runtime.ReadLogsAsync(app, null, 0, follow: true, cancel.Token))
            {
                ticks.Add(line.Text);
                if (ticks.Count == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        // Lines already received may still be delivered after the cancel; then the enumeration throws.
        Assert.True(ticks.Count >= 3);
        Assert.All(ticks, t => Assert.StartsWith("tick-", t, StringComparison.Ordinal));
    }

    private static async Task<List<UnitLogLine>> ReadAllAsync(IAsyncEnumerable<UnitLogLine> lines)
    {
        var list = new List<UnitLogLine>();
        await foreach (var line in lines)
        {
            list.Add(line);
        }

        return list;
    }

    // The unit runs '/bin/sh -lc "exec <command>"' (Tsuru's form), so a compound command needs a shell of its own.
    private static string Shell(string script) => "sh -c '" + script.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string ServeScript(string page) => $"mkdir -p /tmp/www && echo {page} > /tmp/www/index.html && exec httpd -f -p $PORT -h /tmp/www";

    private static string Serve(string page) => Shell(ServeScript(page));

    private WorkloadSpec Spec(
        string app,
        int version,
        string command,
        int units = 1,
        IReadOnlyDictionary<string, string>? env = null,
        HealthcheckSpec? healthcheck = null,
        IReadOnlyList<WorkloadProcess>? processes = null) =>
        new(
            app,
            version,
            _podman.Image,
            "stratus-apps",
            processes ?? [new WorkloadProcess("web", command, units, 8888, healthcheck)],
            env ?? new Dictionary<string, string>(),
            [],
            [],
            new ResourcePlan("small", 0, 0),
            "team",
            "local");

    private static async Task<string> GetAsync(string address, string path)
    {
        using var response = await Http.GetAsync(new Uri($"http://{address}{path}"), TestTimeout.Token());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestTimeout.Token());
    }
}
