using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Stratus.Kubernetes.Runtime;
using Stratus.Kubernetes.Tests.Fakes;

namespace Stratus.Kubernetes.Tests.Runtime;

public sealed class KubernetesJobRunnerTests : IAsyncLifetime
{
    private const string RunId = "0196a1b2c3d4e5f60718293a4b5c";
    private static readonly string JobName = KubernetesJobRunner.JobName("backup", RunId);
    private readonly ConcurrentQueue<string> _log = new();
    private FakeKubernetesApiServer _server = null!;
    private KubernetesJobRunner _runner = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubernetesApiServer.StartAsync();
        _runner = new KubernetesJobRunner(_server.Client(), "apps", TimeProvider.System);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RunAsync_JobCompletes_AppliesSecretAndJobAndRecordsExitCodeZeroAndMaskedLog()
    {
        SeedJob(new JsonObject { ["succeeded"] = 1, ["conditions"] = Conditions("Complete", null) });
        SeedPod("backup-a", exitCode: 0, restartCount: 0);
        _server.PodLogs["backup-a/job"] = "dumping\ntoken is s3cr3t-value\n";

        var result = await _runner.RunAsync(Spec(), _log.Enqueue, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, result.Attempts);
        Assert.Contains("dumping", _log);
        Assert.Contains(_log, l => l.StartsWith("token is ", StringComparison.Ordinal));
        Assert.DoesNotContain(_log, l => l.Contains("s3cr3t-value", StringComparison.Ordinal));

        var secret = _server.Get("secrets", "tsuru-job-backup")!;
        Assert.NotNull(secret["data"]?["TOKEN"]);
        Assert.Single(_server.Applies("jobs", JobName));
        var job = _server.Get("jobs", JobName)!;
        Assert.Equal(RunId, job["metadata"]!["labels"]!["stratus.io/job-run"]!.GetValue<string>());
        Assert.Equal("team-a", job["metadata"]!["labels"]!["tsuru.io/job-team"]!.GetValue<string>());
        Assert.Equal(60, job["spec"]!["activeDeadlineSeconds"]!.GetValue<long>());
        var env = job["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        Assert.Equal("tsuru-job-backup", env.Single(e => e!["name"]!.GetValue<string>() == "TOKEN")!["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());
        Assert.Equal("eu", env.Single(e => e!["name"]!.GetValue<string>() == "REGION")!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_JobFails_RecordsExitCodeAndAttempts()
    {
        SeedJob(new JsonObject { ["failed"] = 1, ["conditions"] = Conditions("Failed", "BackoffLimitExceeded") });
        SeedPod("backup-a", exitCode: 3, restartCount: 2);
        _server.PodLogs["backup-a/job"] = "disk full\n";

        var result = await _runner.RunAsync(Spec(), _log.Enqueue, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(3, result.Attempts);
        Assert.Null(result.Error);
        Assert.Contains("disk full", _log);
    }

    [Fact]
    public async Task RunAsync_DeadlineExceeded_ReportsDeadlineExceeded()
    {
        SeedJob(new JsonObject { ["failed"] = 1, ["conditions"] = Conditions("Failed", "DeadlineExceeded") });

        var result = await _runner.RunAsync(Spec(), _log.Enqueue, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.ExitCode);
        Assert.StartsWith("DeadlineExceeded:", result.Error, StringComparison.Ordinal);
        Assert.Contains(_log, l => l.Contains("passed its deadline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StopAsync_RunningJob_DeletesItInBackground()
    {
        SeedJob(new JsonObject { ["active"] = 1 });

        await _runner.StopAsync("backup", RunId, CancellationToken.None);

        Assert.DoesNotContain(JobName, _server.Names("jobs"));
        Assert.Contains(_server.Requests, r => r.Method == "DELETE" && r.Path.EndsWith("/jobs/" + JobName, StringComparison.Ordinal)
            && (r.HasQuery("propagationPolicy=Background") || r.Body.Contains("\"Background\"", StringComparison.Ordinal)));
    }

    private static JobRunSpec Spec() => new(
        "backup",
        RunId,
        "registry.example/backup:1",
        ["/bin/backup", "--all"],
        new Dictionary<string, string>(StringComparer.Ordinal) { ["TOKEN"] = "s3cr3t-value", ["REGION"] = "eu" },
        null,
        TimeSpan.FromSeconds(60),
        BackoffLimit: 2)
    {
        Secrets = ["s3cr3t-value"],
        PrivateEnv = new HashSet<string>(StringComparer.Ordinal) { "TOKEN" },
        TeamOwner = "team-a",
        Pool = "k8s",
        Manual = true,
    };

    // The Job as the cluster reports it once it has ended: the runner's apply keeps the status (as the real server does).
    private void SeedJob(JsonObject status) => _server.Seed("jobs", new JsonObject
    {
        ["apiVersion"] = "batch/v1",
        ["kind"] = "Job",
        ["metadata"] = new JsonObject { ["name"] = JobName, ["namespace"] = "apps" },
        ["spec"] = new JsonObject(),
        ["status"] = status,
    });

    private static JsonArray Conditions(string type, string? reason) =>
        [new JsonObject { ["type"] = type, ["status"] = "True", ["reason"] = reason, ["message"] = reason is null ? null : $"Job has reached {reason}" }];

    private void SeedPod(string name, int exitCode, int restartCount) => _server.Seed("pods", new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "apps", ["labels"] = new JsonObject { ["job-name"] = JobName } },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "job", ["image"] = "img" }) },
        ["status"] = new JsonObject
        {
            ["phase"] = exitCode == 0 ? "Succeeded" : "Failed",
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = "job",
                ["ready"] = false,
                ["restartCount"] = restartCount,
                ["state"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = exitCode, ["reason"] = exitCode == 0 ? "Completed" : "Error" } },
            }),
        },
    });
}
