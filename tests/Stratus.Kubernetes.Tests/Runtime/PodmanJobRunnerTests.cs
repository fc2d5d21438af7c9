using Stratus.Kubernetes.Runtime;

namespace Stratus.Kubernetes.Tests.Runtime;

/// <summary>The podman job runner on the real podman: retries up to the backoff limit, masks private values, and stops at the deadline.</summary>
public sealed class PodmanJobRunnerTests(PodmanRuntimeFixture podman) : IClassFixture<PodmanRuntimeFixture>
{
    [PodmanFact]
    public async Task RunAsync_FailingCommand_RetriesUpToTheBackoffLimitWithMaskedEnv()
    {
        var ct = Stratus.Testing.TestTimeout.Token(120);
        var runner = new PodmanJobRunner(podman.Tools, TimeProvider.System);
        var lines = new List<string>();
        var spec = new JobRunSpec(
            "runner-test", Guid.NewGuid().ToString("N"), podman.Image, ["sh", "-c", "echo \"token=$TOKEN level=$LEVEL\"; exit 3"],
            new Dictionary<string, string> { ["TOKEN"] = "s3cret-value", ["LEVEL"] = "debug" }, null, TimeSpan.FromMinutes(1), BackoffLimit: 1)
        {
            Secrets = ["s3cret-value"],
        };

        var result = await runner.RunAsync(spec, line => { lock (lines) { lines.Add(line); } }, ct);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(2, result.Attempts);
        Assert.Null(result.Error);
        Assert.Equal(2, lines.Count(l => l == "token=*** level=debug"));
        Assert.DoesNotContain(lines, l => l.Contains("s3cret", StringComparison.Ordinal));
        Assert.Empty((await podman.PodmanAsync("ps", "-a", "-q", "--filter", $"label={PodmanJobRunner.RunLabel}={spec.RunId}")).Trim());
    }

    [PodmanFact]
    public async Task RunAsync_PastTheDeadline_StopsAndRemovesTheContainer()
    {
        var ct = Stratus.Testing.TestTimeout.Token(120);
        var runner = new PodmanJobRunner(podman.Tools, TimeProvider.System);
        var spec = new JobRunSpec(
            "runner-test", Guid.NewGuid().ToString("N"), podman.Image, ["sh", "-c", "echo started; sleep 60"],
            new Dictionary<string, string>(), null, TimeSpan.FromSeconds(2), BackoffLimit: 3);
        var lines = new List<string>();

        var result = await runner.RunAsync(spec, line => { lock (lines) { lines.Add(line); } }, ct);

        Assert.Null(result.ExitCode);
        Assert.Equal(1, result.Attempts);
        Assert.StartsWith("DeadlineExceeded", result.Error, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("deadline", StringComparison.Ordinal));
        Assert.Empty((await podman.PodmanAsync("ps", "-a", "-q", "--filter", $"label={PodmanJobRunner.RunLabel}={spec.RunId}")).Trim());
    }
}
