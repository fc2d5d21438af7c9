using System.Text.Json;
using Stratus.Processes;
using Stratus.Testing;

namespace Stratus.Sandbox.Tests;

/// <summary>The podman driver against the real podman: what a step can see and do, and following a step across control planes.</summary>
public sealed class PodmanStepSandboxTests(PodmanSandboxFixture fixture) : IClassFixture<PodmanSandboxFixture>
{
    [SandboxFact]
    public async Task Start_StepProbingTheHost_SeesOnlyItsWorkingDirectoryAndItsEnvironment()
    {
        var ct = TestTimeout.Token(120);
        var (name, directory) = fixture.NewStep();

        // Stands in for the platform's secret key file and data folder: a host file outside the step's directory.
        var secretFile = Path.Combine(fixture.WorkRoot, "secret-key.json");
        await File.WriteAllTextAsync(secretFile, "host-secret-key", ct);
        Environment.SetEnvironmentVariable("STRATUS_TEST_HOST_ONLY", "host-env-value");
        await File.WriteAllTextAsync(Path.Combine(directory, "probe.sh"), $$"""
            echo "uid=$(id -u)"
            cat {{secretFile}} 2>&1 || echo "secret: unreadable"
            ls /root 2>&1 | head -1
            env
            touch /probe 2>&1 || echo "rootfs: read-only"
            echo written > inside.txt && echo "workdir: writable"
            """, ct);

        await fixture.Sandbox.StartAsync(new StepSandboxSpec(name, directory, ["bash", Path.Combine(directory, "probe.sh")], new Dictionary<string, string> { ["STEP_ONLY"] = "given" }), ct);
        var lines = new List<string>();
        var exit = await fixture.Sandbox.FollowAsync(name, 0, lines.Add, ct);
        var inspect = await InspectAsync(name, ct);

        Assert.Equal(0, exit);
        Assert.Contains($"uid={fixture.Options.UserId}", lines);
        Assert.Contains("secret: unreadable", lines);
        Assert.DoesNotContain(lines, l => l.Contains("host-secret-key", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("host-env-value", StringComparison.Ordinal));
        Assert.Contains("STEP_ONLY=given", lines);
        Assert.Contains("rootfs: read-only", lines);
        Assert.Contains("workdir: writable", lines);
        Assert.Equal("written\n", await File.ReadAllTextAsync(Path.Combine(directory, "inside.txt"), ct));
        var host = inspect.GetProperty("HostConfig");
        Assert.True(host.GetProperty("ReadonlyRootfs").GetBoolean());
        Assert.Equal(256L * 1024 * 1024, host.GetProperty("Memory").GetInt64());
        Assert.Equal(128, host.GetProperty("PidsLimit").GetInt64());
        Assert.Equal(500_000_000L, host.GetProperty("NanoCpus").GetInt64());
        Assert.Equal("host", host.GetProperty("NetworkMode").GetString());
        var mounts = inspect.GetProperty("Mounts").EnumerateArray().Select(m => m.GetProperty("Source").GetString()).ToList();
        Assert.Equal([directory], mounts);
    }

    [SandboxFact]
    public async Task Follow_AfterTheFirstFollowerWentAway_ReplaysTheWholeLogAndTheExitCode()
    {
        var ct = TestTimeout.Token(120);
        var (name, directory) = fixture.NewStep();
        var release = Path.Combine(directory, "release");
        await File.WriteAllTextAsync(Path.Combine(directory, "step.sh"), $$"""
            echo line-1
            echo line-2
            while [ ! -e {{release}} ]; do sleep 0.2; done
            echo line-3
            exit 7
            """, ct);
        await fixture.Sandbox.StartAsync(new StepSandboxSpec(name, directory, ["bash", Path.Combine(directory, "step.sh")], new Dictionary<string, string>()), ct);

        // The first control plane follows until it has seen two lines, then goes away without stopping the step.
        using (var first = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var seen = new List<string>();
            var following = fixture.Sandbox.FollowAsync(name, 0, line =>
            {
                seen.Add(line);
                if (seen.Count == 2)
                {
                    first.Cancel();
                }
            }, first.Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => following);
        }

        Assert.Equal(SandboxStatus.Running, (await fixture.Sandbox.InspectAsync(name, ct)).Status);
        await File.WriteAllTextAsync(release, "", ct);
        var lines = new List<string>();
        var exit = await fixture.Sandbox.FollowAsync(name, 0, lines.Add, ct);
        var skipped = new List<string>();
        var again = await fixture.Sandbox.FollowAsync(name, 2, skipped.Add, ct);

        Assert.Equal(7, exit);
        Assert.Equal(["line-1", "line-2", "line-3"], lines);
        Assert.Equal(7, again);
        Assert.Equal(["line-3"], skipped);
    }

    [SandboxFact]
    public async Task Stop_RunningStep_InterruptsItsProcessesFirst()
    {
        var ct = TestTimeout.Token(120);
        var (name, directory) = fixture.NewStep();
        await File.WriteAllTextAsync(Path.Combine(directory, "step.sh"), """
            bash -c 'trap "echo child-interrupted > interrupted; exit 3" INT; echo ready; while true; do sleep 0.2; done'
            """, ct);
        await fixture.Sandbox.StartAsync(new StepSandboxSpec(name, directory, ["bash", Path.Combine(directory, "step.sh")], new Dictionary<string, string>()), ct);
        await Poll.UntilAsync(async () => (await LogsAsync(name, ct)).Contains("ready", StringComparison.Ordinal), "the step is ready", ct);

        await fixture.Sandbox.StopAsync(name, TimeSpan.FromSeconds(10), ct);
        var info = await fixture.Sandbox.InspectAsync(name, ct);

        Assert.Equal(SandboxStatus.Exited, info.Status);
        Assert.Equal("child-interrupted\n", await File.ReadAllTextAsync(Path.Combine(directory, "interrupted"), ct));
    }

    [SandboxFact]
    public async Task Start_SameNameTwice_RefusesTheSecondAndRemoveMakesItMissing()
    {
        var ct = TestTimeout.Token(120);
        var (name, directory) = fixture.NewStep();
        var spec = new StepSandboxSpec(name, directory, ["bash", "-c", "exit 0"], new Dictionary<string, string>());
        await fixture.Sandbox.StartAsync(spec, ct);

        await Assert.ThrowsAsync<SandboxAlreadyExistsException>(() => fixture.Sandbox.StartAsync(spec, ct));
        await fixture.Sandbox.RemoveAsync(name, ct);

        Assert.Equal(SandboxStatus.Missing, (await fixture.Sandbox.InspectAsync(name, ct)).Status);
        await Assert.ThrowsAsync<SandboxMissingException>(() => fixture.Sandbox.FollowAsync(name, 0, _ => { }, ct));
    }

    [SandboxFact]
    public async Task Start_WithATool_RunsItReadOnlyByName()
    {
        var ct = TestTimeout.Token(120);
        var (name, directory) = fixture.NewStep();
        var tool = Path.Combine(fixture.WorkRoot, "hello-tool");
        await File.WriteAllTextAsync(tool, "#!/bin/sh\necho tool-ran\n", ct);
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        await fixture.Sandbox.StartAsync(new StepSandboxSpec(name, directory, ["bash", "-c", "hello-tool; echo x >> /usr/local/bin/hello-tool || echo tool: read-only"], new Dictionary<string, string>())
        {
            Tools = new Dictionary<string, string> { ["hello-tool"] = tool },
        }, ct);
        var lines = new List<string>();
        await fixture.Sandbox.FollowAsync(name, 0, lines.Add, ct);

        Assert.Contains("tool-ran", lines);
        Assert.Contains("tool: read-only", lines);
    }

    private async Task<JsonElement> InspectAsync(string name, CancellationToken ct)
    {
        using var output = new MemoryStream();
        await ProcessRunner.RunAsync(fixture.Tools.Spec("podman", ["container", "inspect", "--format", "json", name], "/"), output, _ => { }, ct);
        return JsonDocument.Parse(output.ToArray()).RootElement[0].Clone();
    }

    private async Task<string> LogsAsync(string name, CancellationToken ct)
    {
        var lines = new List<string>();
        await ProcessRunner.RunAsync(fixture.Tools.Spec("podman", ["logs", name], "/"), l => { lock (lines) { lines.Add(l); } }, ct);
        return string.Join('\n', lines);
    }
}
