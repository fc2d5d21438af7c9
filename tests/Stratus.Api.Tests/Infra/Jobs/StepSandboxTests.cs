using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Api.Tests.Infra.State;
using Stratus.Infra.Jobs;
using Stratus.Infra.State;
using Stratus.Orchestrations.Jobs;
using Stratus.Sandbox;
using Stratus.Storage;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Jobs;

/// <summary>
/// Job steps in the podman sandbox, end to end: what a step can reach, that no plaintext working directory outlives
/// it, and a step surviving its control plane (the runner dropped while the sandbox runs, then run again).
/// </summary>
public sealed class StepSandboxTests(JobsApiServer server) : IClassFixture<JobsApiServer>
{
    private const string ProbeConfig = """
        variable "secret" {
          type      = string
          sensitive = true
        }

        resource "terraform_data" "probe" {
          input = "x"
          provisioner "local-exec" {
            command = "echo uid=$(id -u) mode=$(stat -c %a ..); ls DATA_PATH >/dev/null 2>&1 && echo data-folder-visible || echo data-folder-hidden; env | grep -c STRATUS_TEST_HOST_ONLY || true"
          }
        }
        """;

    [TerraformFact]
    public async Task Job_StepProbingTheHost_RunsAsTheStepUserInAPrivateDirectoryThatIsGoneAfterwards()
    {
        var ct = TestTimeout.Token(240);
        using var client = server.Client();
        Environment.SetEnvironmentVariable("STRATUS_TEST_HOST_ONLY", "host-env-value");
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, ProbeConfig.Replace("DATA_PATH", server.DataPath, StringComparison.Ordinal), ct);
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/variables", new { key = "secret", value = "s3cr3t-probe-value", category = "TERRAFORM", sensitive = true }, ct);

        var job = await JobsApiCalls.RunAsync(client, org, ws, "plan-and-apply", ct);
        Assert.True(job.GetProperty("status").GetString() == "completed", job.ToString());
        var log = await client.GetStringAsync(new Uri(job.GetProperty("steps")[1].GetProperty("log").GetString()!, UriKind.Relative), ct);

        Assert.Contains("uid=10001 mode=700", log, StringComparison.Ordinal);
        Assert.Contains("data-folder-hidden", log, StringComparison.Ordinal);
        Assert.Contains("(local-exec): 0", log, StringComparison.Ordinal);
        Assert.Empty(StepDirectories(org));
    }

    [TerraformFact]
    public async Task Job_StepFails_LeavesNoWorkingDirectory()
    {
        var ct = TestTimeout.Token(240);
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, "resource \"terraform_data\" \"x\" {\n  input = undefined_thing\n}\n", ct);

        var job = await JobsApiCalls.RunAsync(client, org, ws, "plan-and-apply", ct);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Empty(StepDirectories(org));
    }

    [TerraformFact]
    public async Task RunStep_ControlPlaneDroppedWhileTheSandboxRuns_ReattachesAndCollectsTheWholeLogAndExitCode()
    {
        var ct = TestTimeout.Token(240);
        var (input, release) = await CreateWaitingScriptJobAsync(ct);
        var runner = server.Services.GetRequiredService<TerraformStepRunner>();
        var sandbox = server.Services.GetRequiredService<IStepSandbox>();
        var name = SandboxNames.ForStep(input.Organization, input.Workspace, input.JobId, input.Step, input.Attempt);

        await StartThenDropControlPlaneAsync(runner, input, ct);

        Assert.Equal(SandboxStatus.Running, (await sandbox.InspectAsync(name, ct)).Status);
        Assert.True(Directory.Exists(Path.Combine(server.WorkRoot, name)), "the working directory is gone while the step runs");
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(server.WorkRoot, name)) == (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), "the working directory is not 0700");
        await File.WriteAllTextAsync(release, "", ct);
        var result = await runner.RunAsync(input, ct);
        var log = await ReadLogAsync(input, ct);

        Assert.Equal(StepOutcome.Failed, result.Outcome);
        Assert.Equal("Script (priority 100) exited with 3.", result.Reason);
        Assert.Equal(1, Count(log, "first-line"));
        Assert.Equal(1, Count(log, "second-line"));
        Assert.Equal(1, Count(log, "Started sandbox " + name));
        Assert.Contains("Re-attached to sandbox", log, StringComparison.Ordinal);
        Assert.Equal(SandboxStatus.Missing, (await sandbox.InspectAsync(name, ct)).Status);
        Assert.False(Directory.Exists(Path.Combine(server.WorkRoot, name)));
        Assert.Equal(StepStatus.Failed, (await server.Services.GetRequiredService<JobStore>().GetStepAsync(input.Organization, input.Workspace, input.JobId, input.Step, ct))!.Status);
    }

    [TerraformFact]
    public async Task RunStep_SandboxVanishedWhileTheControlPlaneWasDown_FailsAndReleasesTheExecutorsStateLock()
    {
        var ct = TestTimeout.Token(240);
        var (input, _) = await CreateWaitingScriptJobAsync(ct);
        var runner = server.Services.GetRequiredService<TerraformStepRunner>();
        var sandbox = server.Services.GetRequiredService<IStepSandbox>();
        var states = server.Services.GetRequiredService<StateStore>();
        var name = SandboxNames.ForStep(input.Organization, input.Workspace, input.JobId, input.Step, input.Attempt);
        await StartThenDropControlPlaneAsync(runner, input, ct);

        // terraform died in the vanished sandbox holding the lock, as the executor.
        var info = new StateLockInfo(Guid.NewGuid().ToString(), "OperationTypeApply", "", "step", "1.11.4", DateTimeOffset.UtcNow.ToString("O"), "");
        Assert.True((await states.LockAsync(input.Organization, input.Workspace, info, ExecutorCredentials.LockHolder, ct)).Acquired);
        await sandbox.RemoveAsync(name, ct);

        var result = await runner.RunAsync(input, ct);

        Assert.Equal(StepOutcome.Failed, result.Outcome);
        Assert.Contains("is gone", result.Reason, StringComparison.Ordinal);
        Assert.Null(await states.GetLockAsync(input.Organization, input.Workspace, ct));
        Assert.False(Directory.Exists(Path.Combine(server.WorkRoot, name)));
        Assert.Contains("Released the state lock", await ReadLogAsync(input, ct), StringComparison.Ordinal);
    }

    /// <summary>The first control plane starts the step and goes away (its host stopping) while the step waits.</summary>
    private async Task StartThenDropControlPlaneAsync(TerraformStepRunner runner, StepInput input, CancellationToken ct)
    {
        using var first = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = runner.RunAsync(input, first.Token);
        await Poll.UntilAsync(async () => run.IsCompleted || (await ReadLogAsync(input, ct)).Contains("first-line", StringComparison.Ordinal), "the step's first line is logged", ct);
        if (run.IsCompleted)
        {
            // Only now may the message await the run: an interpolated message is built before the assertion runs.
            Assert.Fail($"The step ended early: {(run.IsFaulted ? run.Exception : await run)}\n{await ReadLogAsync(input, ct)}");
        }

        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    /// <summary>A job (created in the store, so no orchestration runs it) whose customScripts step logs a line, waits for a file, logs another and exits 3.</summary>
    private async Task<(StepInput Input, string Release)> CreateWaitingScriptJobAsync(CancellationToken ct)
    {
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, "output \"x\" {\n  value = 1\n}\n", ct);
        var jobs = server.Services.GetRequiredService<JobStore>();
        const string Tcl = """
            flow:
            - type: customScripts
              step: 100
              commands:
              - runtime: BASH
                priority: 100
                script: echo first-line; while [ ! -e release ]; do sleep 0.2; done; echo second-line; exit 3
            """;
        var job = await jobs.CreateAsync(
            new Job(org, ws, 0, JobStatus.Running, "waiting", Tcl, "Api", "test", DateTimeOffset.UtcNow, null, null, null, null, null, null, null, null, false, null),
            [new JobStep(0, 100, "scripts", "customScripts", StepStatus.Pending, null, null, null, null)],
            ct);
        var input = new StepInput(org, ws, job.Id, 100);
        var name = SandboxNames.ForStep(org, ws, job.Id, 100, 0);
        return (input, Path.Combine(server.WorkRoot, name, "source", "release"));
    }

    private async Task<string> ReadLogAsync(StepInput input, CancellationToken ct)
    {
        var storage = server.Services.GetRequiredService<IStorageAccount>();
        try
        {
            await using var download = await storage.Blobs.GetContainer(StepLog.Container).DownloadAsync(StepLog.NameFor(input.Organization, input.Workspace, input.JobId, input.Step), cancellationToken: ct);
            using var reader = new StreamReader(download.Content);
            return await reader.ReadToEndAsync(ct);
        }
        catch (ResourceNotFoundException)
        {
            return "";
        }
    }

    // The other tests of this class share the work root and may have steps running there; a step's directory name
    // keeps the first 10 characters of its organization ("org-" and 6 random hex digits here).
    private IEnumerable<string> StepDirectories(string organization) =>
        Directory.EnumerateDirectories(server.WorkRoot).Where(d => Path.GetFileName(d).Contains("-" + organization[..10] + "-", StringComparison.Ordinal));

    private static int Count(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
