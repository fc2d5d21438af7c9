using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging.Abstractions;
using Stratus.Sandbox.ContainerApps.Tests.Fakes;
using Stratus.Testing;

namespace Stratus.Sandbox.ContainerApps.Tests;

/// <summary>
/// The driver against a recording fake of ARM and Log Analytics whose executions really run the container command
/// (the wrapper, bash, curl, tar) locally, with the bundles in real Azurite.
/// </summary>
public sealed class ContainerAppsStepSandboxTests : IAsyncLifetime
{
    private readonly FakeTokenCredential _credential = new();
    private readonly string _root = Directory.CreateTempSubdirectory("stratus-aca-").FullName;
    private readonly List<HttpClientHandler> _handlers = [];
    private FakeAzure _azure = null!;
    private BlobContainerClient _bundles = null!;

    public async Task InitializeAsync()
    {
        _azure = await FakeAzure.StartAsync();
        var azurite = await AzuriteServer.Shared;
        _bundles = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(UniqueNames.Next("bundles"));
    }

    public async Task DisposeAsync()
    {
        await _azure.DisposeAsync();
        foreach (var handler in _handlers)
        {
            handler.Dispose();
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task StartAsync_Spec_SendsTemplateWithImageWrapperSpecEnvironmentAndResources()
    {
        var cancellationToken = TestTimeout.Token(120);
        var sandbox = Driver();
        var spec = Spec("stratus-step-acme-net-1-1-1-start", "echo started");

        await sandbox.StartAsync(spec, cancellationToken);

        var start = Assert.Single(_azure.Matching("POST", "/start"));
        Assert.Equal("/subscriptions/" + Options().SubscriptionId + "/resourceGroups/rg-stratus/providers/Microsoft.App/jobs/stratus-steps/start", start.Path);
        Assert.Equal("2024-03-01", start.ApiVersion);
        Assert.Equal("Bearer " + FakeTokenCredential.TokenFor(FakeAzure.ManagementScope), start.Authorization);
        Assert.Contains(FakeAzure.ManagementScope, _credential.Scopes);
        var container = Assert.Single(JsonNode.Parse(start.Body)!["containers"]!.AsArray())!;
        Assert.Equal("step", container["name"]!.GetValue<string>());
        Assert.Equal("registry.example/stratus-step:1", container["image"]!.GetValue<string>());
        var command = container["command"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(["/bin/bash", "-c", StepWrapper.Script, "stratus-step"], command);
        Assert.Equal(spec.Command, container["args"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(0.5, container["resources"]!["cpu"]!.GetValue<double>());
        Assert.Equal("1Gi", container["resources"]!["memory"]!.GetValue<string>());

        // The spec's variables and the wrapper's own, nothing of this host's environment.
        var environment = container["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());
        Assert.Equal(spec.Environment.Keys.Concat(StepWrapper.Variables).Order(), environment.Keys.Order());
        Assert.Equal("hello", environment["GREETING"]);
        Assert.Equal(spec.WorkingDirectory, environment[StepWrapper.DirectoryVariable]);
        Assert.Equal(spec.Name, environment[StepWrapper.NameVariable]);
        Assert.Contains("sig=", environment[StepWrapper.InputVariable], StringComparison.Ordinal);
        Assert.Contains("sp=r&", environment[StepWrapper.InputVariable], StringComparison.Ordinal);
        Assert.DoesNotContain("sp=r&", environment[StepWrapper.ResultVariable], StringComparison.Ordinal);

        Assert.Equal(0, await sandbox.FollowAsync(spec.Name, 0, _ => { }, cancellationToken));
    }

    [Fact]
    public async Task StartAsync_SameNameTwice_ThrowsAlreadyExistsAndStartsOnce()
    {
        var cancellationToken = TestTimeout.Token(120);
        var sandbox = Driver();
        var spec = Spec("stratus-step-acme-net-1-1-1-twice", "echo once");
        await sandbox.StartAsync(spec, cancellationToken);

        // The fake execution removes the first start's folder when its step ends, which may be before the second
        // start: that one brings a folder of its own, so only the name clashes.
        var again = spec with { WorkingDirectory = Directory.CreateTempSubdirectory("stratus-aca-again-").FullName };
        var refused = await Assert.ThrowsAsync<SandboxAlreadyExistsException>(() => Driver().StartAsync(again, cancellationToken));
        Directory.Delete(again.WorkingDirectory, recursive: true);

        Assert.Equal(spec.Name, refused.Name);
        Assert.Single(_azure.Matching("POST", "/start"));
        Assert.Equal(0, await sandbox.FollowAsync(spec.Name, 0, _ => { }, cancellationToken));
    }

    [Fact]
    public async Task FollowAsync_SucceededStep_ReturnsLinesInOrderExitCodeAndTheFilesItWrote()
    {
        var cancellationToken = TestTimeout.Token(120);
        var sandbox = Driver();
        var spec = Spec("stratus-step-acme-net-1-2-1-files", "cat main.tf; echo \"$GREETING from $STRATUS_STEP\"; echo to-stderr >&2; echo 2 > scratch/plan-exit-code; mkdir -p scratch/new; echo plan > scratch/new/stratus.tfplan; env > scratch/env");
        var lines = new ConcurrentQueue<string>();

        await sandbox.StartAsync(spec, cancellationToken);
        var exitCode = await sandbox.FollowAsync(spec.Name, 0, lines.Enqueue, cancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Equal(["resource \"terraform_data\" \"x\" {}", $"hello from {spec.Name}", "to-stderr"], lines);

        // The fake deleted the host folder around the run: these came back through the result bundle.
        Assert.Equal("2", (await File.ReadAllTextAsync(Path.Combine(spec.WorkingDirectory, "scratch", "plan-exit-code"), cancellationToken)).Trim());
        Assert.Equal("plan", (await File.ReadAllTextAsync(Path.Combine(spec.WorkingDirectory, "scratch", "new", "stratus.tfplan"), cancellationToken)).Trim());
        var stepEnvironment = (await File.ReadAllLinesAsync(Path.Combine(spec.WorkingDirectory, "scratch", "env"), cancellationToken)).Select(l => l.Split('=')[0]).ToList();
        Assert.DoesNotContain(stepEnvironment, name => name.StartsWith("STRATUS_SANDBOX_", StringComparison.Ordinal));
        Assert.Contains("GREETING", stepEnvironment);
        Assert.Equal("Succeeded", _azure.Executions.Values.Single().Status);
    }

    [Fact]
    public async Task FollowAsync_FromLine_SkipsTheLinesAlreadySeen()
    {
        var cancellationToken = TestTimeout.Token(120);
        var sandbox = Driver();
        var spec = Spec("stratus-step-acme-net-1-3-1-from", "for i in 1 2 3 4 5; do echo line-$i; done");
        await sandbox.StartAsync(spec, cancellationToken);
        Assert.Equal(0, await sandbox.FollowAsync(spec.Name, 0, _ => { }, cancellationToken));
        var lines = new List<string>();

        var exitCode = await sandbox.FollowAsync(spec.Name, 3, lines.Add, cancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Equal(["line-4", "line-5"], lines);
    }

    [Fact]
    public async Task FollowAsync_FailedExecution_ReturnsTheStepsExitCode()
    {
        var cancellationToken = TestTimeout.Token(120);
        var sandbox = Driver();
        var spec = Spec("stratus-step-acme-net-1-4-1-fail", "echo failing; exit 3");
        var lines = new List<string>();

        await sandbox.StartAsync(spec, cancellationToken);
        var exitCode = await sandbox.FollowAsync(spec.Name, 0, lines.Add, cancellationToken);

        Assert.Equal(3, exitCode);
        Assert.Equal(["failing"], lines);
        Assert.Equal("Failed", _azure.Executions.Values.Single().Status);
        var info = await sandbox.InspectAsync(spec.Name, cancellationToken);
        Assert.Equal(SandboxStatus.Exited, info.Status);
        Assert.Equal(3, info.ExitCode);
    }

    [Theory]
    [InlineData("ContainerAppConsoleLogs", "ContainerAppConsoleLogs | where ContainerGroupName startswith '")]
    [InlineData("ContainerAppConsoleLogs_CL", "ContainerAppConsoleLogs_CL | where ContainerGroupName_s startswith '")]
    public async Task FollowAsync_RunningStep_StreamsLinesFromLogAnalyticsBeforeTheExit(string table, string queryStart)
    {
        var cancellationToken = TestTimeout.Token(120);
        var options = Options();
        options.LogTable = table;
        var sandbox = Driver(options);
        var go = Path.Combine(_root, "go-live" + table);
        var spec = Spec("stratus-step-acme-net-1-5-1-live" + table.Length, $"echo first; echo second; while [ ! -e {go} ]; do sleep 0.05; done; echo last");
        var lines = new ConcurrentQueue<string>();

        await sandbox.StartAsync(spec, cancellationToken);
        var follow = sandbox.FollowAsync(spec.Name, 0, lines.Enqueue, cancellationToken);

        // Only Log Analytics has these lines while the step waits: the log blob is uploaded at the exit.
        await Poll.UntilAsync(() => lines.Count >= 2, "the live lines", cancellationToken);
        Assert.False(follow.IsCompleted);
        await File.WriteAllTextAsync(go, "", cancellationToken);
        Assert.Equal(0, await follow);

        Assert.Equal(["first", "second", "last"], lines);
        var query = _azure.Matching("POST", "/query").First();
        Assert.Equal($"/v1/workspaces/{Options().LogAnalyticsWorkspaceId}/query", query.Path);
        Assert.StartsWith(queryStart + _azure.Executions.Keys.Single() + "-'", JsonNode.Parse(query.Body)!["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Bearer " + FakeTokenCredential.TokenFor(FakeAzure.LogAnalyticsScope), query.Authorization);
        Assert.Contains(FakeAzure.LogAnalyticsScope, _credential.Scopes);
    }

    [Fact]
    public async Task StopAsync_RunningStep_SendsStopAndTheStepEndsWithTheSignal()
    {
        var cancellationToken = TestTimeout.Token(120);
        var sandbox = Driver();
        var spec = Spec("stratus-step-acme-net-1-6-1-stop", "trap 'echo interrupted; exit 130' TERM; echo waiting; while true; do sleep 0.05; done");
        var lines = new ConcurrentQueue<string>();
        await sandbox.StartAsync(spec, cancellationToken);
        var follow = sandbox.FollowAsync(spec.Name, 0, lines.Enqueue, cancellationToken);
        await Poll.UntilAsync(() => lines.Contains("waiting"), "the step to run", cancellationToken);

        await sandbox.StopAsync(spec.Name, TimeSpan.FromSeconds(30), cancellationToken);

        var execution = _azure.Executions.Values.Single();
        var stop = Assert.Single(_azure.Matching("POST", "/stop"));
        Assert.EndsWith($"/jobs/stratus-steps/executions/{execution.Name}/stop", stop.Path, StringComparison.Ordinal);
        Assert.Equal("2024-03-01", stop.ApiVersion);
        Assert.Equal(130, await follow);
        // bash may also report the TERM that reached its sleep ("Terminated") before the trap runs.
        Assert.Equal("waiting", lines.First());
        Assert.Equal("interrupted", lines.Last());
        Assert.Equal("Stopped", execution.Status);
    }

    [Fact]
    public async Task NewDriverInstance_StepStartedByAnother_FindsFollowsAndInspectsItByName()
    {
        var cancellationToken = TestTimeout.Token(120);
        var go = Path.Combine(_root, "go-reattach");
        var spec = Spec("stratus-step-acme-net-1-7-1-again", $"echo before; while [ ! -e {go} ]; do sleep 0.05; done; echo after; echo done > scratch/result");
        await Driver().StartAsync(spec, cancellationToken);

        // A control plane that crashed: a new driver, knowing only the name.
        var other = Driver();
        var running = await other.InspectAsync(spec.Name, cancellationToken);
        Assert.Equal(SandboxStatus.Running, running.Status);
        Assert.Equal(spec.Environment.OrderBy(e => e.Key), running.Environment.OrderBy(e => e.Key));
        await File.WriteAllTextAsync(go, "", cancellationToken);
        var lines = new List<string>();

        var exitCode = await other.FollowAsync(spec.Name, 1, lines.Add, cancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Equal(["after"], lines);
        Assert.Equal("done", (await File.ReadAllTextAsync(Path.Combine(spec.WorkingDirectory, "scratch", "result"), cancellationToken)).Trim());
        Assert.Equal(SandboxStatus.Exited, (await other.InspectAsync(spec.Name, cancellationToken)).Status);
    }

    [Fact]
    public async Task InspectAsync_StartThatCrashedBeforeRecordingTheExecution_FindsItByItsEnvironment()
    {
        var cancellationToken = TestTimeout.Token(120);
        var spec = Spec("stratus-step-acme-net-1-8-1-lost", "echo found");
        await Driver().StartAsync(spec, cancellationToken);
        var bundles = new StepBundles(_bundles, TimeProvider.System);
        var (record, etag) = (await bundles.ReadRecordAsync(spec.Name, cancellationToken))!.Value;
        await bundles.TryReplaceRecordAsync(record with { Execution = null }, etag, cancellationToken);

        var lines = new List<string>();
        var exitCode = await Driver().FollowAsync(spec.Name, 0, lines.Add, cancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Equal(["found"], lines);
        Assert.NotEmpty(_azure.Matching("GET", "/executions"));
        Assert.Equal(_azure.Executions.Keys.Single(), (await bundles.ReadRecordAsync(spec.Name, cancellationToken))!.Value.Record.Execution);
    }

    [Fact]
    public async Task RemoveAsync_EndedStep_DeletesItsBundlesAndTheNameIsMissing()
    {
        var cancellationToken = TestTimeout.Token(120);
        var sandbox = Driver();
        var spec = Spec("stratus-step-acme-net-1-9-1-remove", "echo bye");
        await sandbox.StartAsync(spec, cancellationToken);
        Assert.Equal(0, await sandbox.FollowAsync(spec.Name, 0, _ => { }, cancellationToken));

        await sandbox.RemoveAsync(spec.Name, cancellationToken);

        Assert.Equal(SandboxStatus.Missing, (await sandbox.InspectAsync(spec.Name, cancellationToken)).Status);
        await Assert.ThrowsAsync<SandboxMissingException>(() => sandbox.FollowAsync(spec.Name, 0, _ => { }, cancellationToken));
        var left = new List<string>();
        await foreach (var blob in _bundles.GetBlobsAsync(BlobTraits.None, BlobStates.None, spec.Name + "/", cancellationToken))
        {
            left.Add(blob.Name);
        }

        Assert.Empty(left);
        await sandbox.RemoveAsync(spec.Name, cancellationToken);
    }

    [Fact]
    public async Task InspectAsync_UnknownName_IsMissing()
    {
        var info = await Driver().InspectAsync("stratus-step-never-started", TestTimeout.Token());

        Assert.Equal(SandboxStatus.Missing, info.Status);
        Assert.Empty(info.Environment);
    }

    private ContainerAppsSandboxOptions Options() => new()
    {
        SubscriptionId = "6f1c1f6e-8d1a-4c55-9a3e-0d8e3c2b7a10",
        ResourceGroup = "rg-stratus",
        JobName = "stratus-steps",
        Image = "registry.example/stratus-step:1",
        LogAnalyticsWorkspaceId = "2b8e0c4a-1f3d-4e5a-9c7b-6d5e4f3a2b1c",
        BlobServiceUri = _bundles.GetParentBlobServiceClient().Uri,
        BundleContainer = _bundles.Name,
        ManagementEndpoint = _azure.BaseUrl,
        LogAnalyticsEndpoint = _azure.BaseUrl,
        Cpu = 0.5,
        Memory = "1Gi",
        PollInterval = TimeSpan.FromMilliseconds(100),
    };

    private ContainerAppsStepSandbox Driver(ContainerAppsSandboxOptions? options = null)
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => _azure.IsServerCertificate(certificate) };
        _handlers.Add(handler);
        var pipeline = new ContainerAppsPipelineOptions { Transport = new HttpClientTransport(handler) };
        pipeline.Retry.Delay = TimeSpan.FromMilliseconds(10);
        return ContainerAppsSandboxServiceCollectionExtensions.Create(options ?? Options(), _credential, pipeline, _bundles, TimeProvider.System, NullLoggerFactory.Instance);
    }

    private StepSandboxSpec Spec(string name, string script)
    {
        var directory = Path.Combine(_root, name);
        Directory.CreateDirectory(Path.Combine(directory, "scratch"));
        File.WriteAllText(Path.Combine(directory, "main.tf"), "resource \"terraform_data\" \"x\" {}\n");
        return new StepSandboxSpec(name, directory, ["bash", "-c", script], new Dictionary<string, string>(StringComparer.Ordinal) { ["STRATUS_STEP"] = name, ["GREETING"] = "hello" });
    }
}
