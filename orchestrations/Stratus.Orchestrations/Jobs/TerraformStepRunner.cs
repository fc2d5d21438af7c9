using System.Text;
using Microsoft.Extensions.Options;
using Stratus.Archives;
using Stratus.Infra.Execution;
using Stratus.Infra.Jobs;
using Stratus.Infra.State;
using Stratus.Infra.Templates;
using Stratus.Infra.Workspaces;
using Stratus.Processes;
using Stratus.Sandbox;
using Stratus.Secrets;
using Stratus.Storage;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// The executor. A step runs as one sandbox (<see cref="IStepSandbox"/>) started detached under a name derived from
/// the step (<see cref="SandboxNames.ForStep"/>), in a working directory of the same name under the work root: the
/// control plane prepares the directory (the source, the variables, the backend override, a saved plan, the step
/// script), starts the sandbox, streams its output masked into the step's log, waits for its exit and collects what the
/// script left (the plan, the outputs, the outcome). When the control plane dies meanwhile, the step goes on; the
/// activity's re-run finds the sandbox by its name, replays its log after the start marker, and collects it the same
/// way. A sandbox that vanished fails the step, after releasing the state lock the executor may still hold. A cancel
/// request (the job's flag, checked every second) or the step timeout interrupts the sandbox, then kills it.
/// </summary>
public sealed class TerraformStepRunner(
    JobStore jobs,
    WorkspaceStore workspaces,
    IStorageAccount storage,
    StateStore states,
    SecretProtector protector,
    ExecutorCredentials credentials,
    IJobVariableSource variables,
    IStepSandbox sandbox,
    IOptions<JobExecutionOptions> options,
    IOptions<SandboxOptions> sandboxOptions,
    IHttpClientFactory httpClients,
    TimeProvider time)
{
    public const string PlansContainer = "stratus-plans";
    public const string SourcesContainer = "stratus-sources";
    private const int MaxOutputsChars = 30_000;

    public async Task<StepResult> RunAsync(StepInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var job = await jobs.GetAsync(input.Organization, input.Workspace, input.JobId, cancellationToken);
        var workspace = await workspaces.GetAsync(input.Organization, input.Workspace, cancellationToken);
        var flow = job is null ? null : TclParser.Parse(job.Tcl).Template?.Flows.FirstOrDefault(f => f.Step == input.Step);
        if (job is null || workspace is null || flow is null)
        {
            return new StepResult(StepOutcome.Failed, "The job, its workspace or this step no longer exists.");
        }

        var step = new SandboxedStep(input, options.Value.WorkRoot, sandbox.Driver);
        var onReject = input.Phase == StepInput.OnReject;
        var sandboxInfo = await sandbox.InspectAsync(step.Name, cancellationToken);
        var resumed = await StepLog.ResumeAsync(storage, step.LogName, step.StartMarker, cancellationToken);
        if (resumed is not null || sandboxInfo.Status != SandboxStatus.Missing)
        {
            // A re-run after the control plane went away: the step was started before.
            await using var log = resumed ?? await StepLog.OpenAsync(storage, step.LogName, cancellationToken);
            if (sandboxInfo.Status == SandboxStatus.Missing)
            {
                return await FinishAsync(input, onReject, await RecoverVanishedAsync(step, log, cancellationToken));
            }

            log.Write($"Re-attached to sandbox {step.Name} after a restart of the control plane.");
            var masker = await MaskerForAsync(step, cancellationToken);
            return await FinishLoggedAsync(input, onReject, log, await AttachAsync(step, flow, onReject, log, masker, cancellationToken));
        }

        if (onReject)
        {
            await SetLogLinkAsync(input, step.LogName, cancellationToken);
        }
        else if (job.CancelRequested || job.Status == JobStatus.Cancelled)
        {
            await SetStepAsync(input, StepStatus.Cancelled, "Cancelled before it started.", null, cancellationToken);
            return new StepResult(StepOutcome.Cancelled, "Cancelled.");
        }
        else
        {
            await SetStepAsync(input, StepStatus.Running, null, step.LogName, cancellationToken);
        }

        await using (var log = await StepLog.OpenAsync(storage, step.LogName, cancellationToken))
        {
            LogMasker masker;
            try
            {
                masker = await StartAsync(step, job, workspace, flow, onReject, log, cancellationToken);
            }
            catch (Exception ex) when (ex is TerraformNotFoundException or GitSourceException or InvalidSourceArchiveException or InvalidOperationException or ArgumentException or IOException)
            {
                log.Write("Error: " + ex.Message);
                await CleanUpAsync(step, CancellationToken.None);
                return await FinishAsync(input, onReject, new StepResult(StepOutcome.Failed, ex.Message));
            }

            return await FinishLoggedAsync(input, onReject, log, await AttachAsync(step, flow, onReject, log, masker, cancellationToken));
        }
    }

    /// <summary>
    /// Writes the whole log before the step is marked ended: followers (the log endpoints, terraform's log reader) stop
    /// reading once the step has ended, and would otherwise miss the last second of output.
    /// </summary>
    private async Task<StepResult> FinishLoggedAsync(StepInput input, bool onReject, StepLog log, StepResult result)
    {
        await log.FlushNowAsync(CancellationToken.None);
        return await FinishAsync(input, onReject, result);
    }

    /// <summary>Prepares the working directory and starts the sandbox; returns the masker for its output.</summary>
    private async Task<LogMasker> StartAsync(SandboxedStep step, Job job, Workspace workspace, TclFlow flow, bool onReject, StepLog log, CancellationToken cancellationToken)
    {
        if (sandbox.Unavailable is { } unavailable)
        {
            throw new InvalidOperationException(unavailable);
        }

        // Not disposed here: the directory outlives this call (and this process); CleanUpAsync removes it.
        var directory = WorkingDirectory.Create(options.Value.WorkRoot, step.Name);
        var keep = false;
        try
        {
            await FetchSourceAsync(job, workspace, directory, log, cancellationToken);
            var module = directory.ResolveFolder(workspace.Source.Folder);
            flow = await ImportedCommands.ApplyAsync(flow, directory.ScratchDirectory, options.Value.AllowFileGitSources, log.Write, cancellationToken);
            var groovy = StepScript.NeedsGroovy(flow) ? GroovyInstallation.Locate() ?? throw new InvalidOperationException(GroovyInstallation.NotInstalled) : null;
            var resolved = TemplateInputs.Apply(await variables.ResolveAsync(step.Input.Organization, step.Input.Workspace, cancellationToken), flow, log.Write);
            var inputs = TerraformInputs.From(resolved);
            var environment = new Dictionary<string, string>(inputs.Environment, StringComparer.Ordinal);
            var tools = new Dictionary<string, string>(StringComparer.Ordinal);
            var files = new StepFiles(directory.ScratchDirectory);
            var savedPlan = false;
            string? token = null;
            if (!onReject)
            {
                inputs.WriteTfvars(module);
                var binaryOptions = new TerraformBinaryOptions(options.Value.Binaries, options.Value.ReleasesBaseUrl, options.Value.BinaryCache);
                tools["terraform"] = await new TerraformBinaryResolver(binaryOptions, httpClients.CreateClient(TerraformHttpClient.Name)).ResolveAsync(workspace.IacType, workspace.TerraformVersion, log.Write, cancellationToken);

                // terraform keeps the address's query when it adds ?ID=, so every version it writes names this job.
                var stateAddress = new UriBuilder(BackendOverride.StateAddress(new Uri(options.Value.ApiUrl), step.Input.Organization, step.Input.Workspace)) { Query = $"jobId={step.Input.JobId}" }.Uri;
                BackendOverride.Write(module, stateAddress);

                // The host's ~/.terraformrc (credentials, mirrors) is not the job's business.
                environment["TF_CLI_CONFIG_FILE"] = directory.CliConfigFile;
                if (flow.Type == TclFlowType.TerraformApply && (await jobs.GetAsync(step.Input.Organization, step.Input.Workspace, step.Input.JobId, cancellationToken))?.PlanBlob is { } planBlob)
                {
                    savedPlan = await LoadPlanAsync(planBlob, files.Plan, cancellationToken);
                }

                if (flow.RequireSavedPlan && flow.Type == TclFlowType.TerraformApply && !savedPlan)
                {
                    throw new InvalidOperationException("requireSavedPlan: this apply runs only the plan an earlier step of the job saved, and there is none (put a terraformPlan flow before it); nothing was applied.");
                }

                token = (await credentials.IssueAsync(step.TokenName, options.Value.StepTimeout, cancellationToken)).Secret;
                foreach (var (key, value) in BackendOverride.CredentialEnvironment(ExecutorCredentials.UserName, token))
                {
                    environment[key] = value;
                }
            }

            var context = new ScriptContext(module, step.Input.Organization, step.Input.Workspace, step.Input.JobId.ToString(System.Globalization.CultureInfo.InvariantCulture), step.Input.Step,
                workspace.TerraformVersion, workspace.Source.Url, workspace.Source.Branch, options.Value.ApiUrl, token);
            ScriptVariables.Add(environment, context, resolved);
            WriteEnvironment(files.Environment, environment);
            StepScript.Write(files, module, flow, onReject ? StepInput.OnReject : null, savedPlan, groovy);
            log.Write(step.StartMarker);
            await log.FlushNowAsync(cancellationToken);
            var spec = new StepSandboxSpec(step.Name, directory.FullPath, ["bash", files.Script], new Dictionary<string, string>(StringComparer.Ordinal) { ["STRATUS_STEP"] = step.Name })
            {
                Tools = tools,
                ReadOnlyMounts = groovy?.ReadOnlyMounts ?? new Dictionary<string, string>(StringComparer.Ordinal),
            };
            await sandbox.StartAsync(spec, cancellationToken);
            keep = true;
            return token is null ? inputs.CreateMasker() : inputs.CreateMasker(token);
        }
        finally
        {
            if (!keep)
            {
                await CleanUpAsync(step, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Follows the sandbox to its exit and collects the step. Cancellation of <paramref name="cancellationToken"/> (the
    /// host stopping) leaves the sandbox running for the activity's re-run; a cancel request or the timeout stops it.
    /// </summary>
    private async Task<StepResult> AttachAsync(SandboxedStep step, TclFlow flow, bool onReject, StepLog log, LogMasker masker, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.StepTimeout, time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var watcher = onReject ? Task.CompletedTask : WatchForCancelAsync(step.Input, cancel, cancellationToken);
        long seen = 0;
        void Line(string line)
        {
            seen++;
            log.Write(masker.Mask(line));
        }

        StepResult? stopped = null;
        int exitCode;
        try
        {
            try
            {
                exitCode = await sandbox.FollowAsync(step.Name, 0, Line, cancel.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = timeout.IsCancellationRequested ? $"The step ran longer than {options.Value.StepTimeout} and was stopped." : "Cancelled while running; terraform was stopped.";
                stopped = new StepResult(timeout.IsCancellationRequested ? StepOutcome.Failed : StepOutcome.Cancelled, reason);
                await sandbox.StopAsync(step.Name, sandboxOptions.Value.StopGracePeriod, CancellationToken.None);
                exitCode = await sandbox.FollowAsync(step.Name, seen, Line, CancellationToken.None);
                log.Write(reason);
            }
        }
        catch (SandboxMissingException)
        {
            return await RecoverVanishedAsync(step, log, CancellationToken.None);
        }
        finally
        {
            await cancel.CancelAsync();
            await watcher;
        }

        try
        {
            await ReleaseExecutorLockAsync(step, log, CancellationToken.None);
            return stopped ?? await CollectAsync(step, flow, onReject, exitCode, CancellationToken.None);
        }
        finally
        {
            await CleanUpAsync(step, CancellationToken.None);
        }
    }

    private async Task<StepResult> CollectAsync(SandboxedStep step, TclFlow flow, bool onReject, int exitCode, CancellationToken cancellationToken)
    {
        var files = step.Files;
        if (!File.Exists(files.Result))
        {
            return new StepResult(StepOutcome.Failed, $"The step's sandbox exited with {exitCode} before it finished.");
        }

        var result = await File.ReadAllLinesAsync(files.Result, cancellationToken);
        if (result.FirstOrDefault() != "ok")
        {
            return new StepResult(StepOutcome.Failed, result.Skip(1).FirstOrDefault() is { Length: > 0 } reason ? reason : $"The step exited with {exitCode}.");
        }

        if (onReject)
        {
            return new StepResult(StepOutcome.Completed, null);
        }

        var input = step.Input;
        switch (flow.Type)
        {
            case TclFlowType.TerraformPlan or TclFlowType.TerraformPlanDestroy:
                var plan = PlanOutcomes.FromExitCode(int.Parse((await File.ReadAllTextAsync(files.PlanExitCode, cancellationToken)).Trim(), System.Globalization.CultureInfo.InvariantCulture));
                var blob = plan == PlanOutcome.Changes ? await SavePlanAsync(input, files.Plan, cancellationToken) : null;
                await jobs.UpdateAsync(input.Organization, input.Workspace, input.JobId, j => j with { PlanChanges = plan == PlanOutcome.Changes, PlanBlob = blob }, cancellationToken);
                return plan == PlanOutcome.Changes ? new StepResult(StepOutcome.Completed, null) : new StepResult(StepOutcome.NoChanges, "No changes.");
            case TclFlowType.TerraformApply or TclFlowType.TerraformDestroy:
                var outputs = File.Exists(files.Outputs) ? await File.ReadAllTextAsync(files.Outputs, cancellationToken) : null;
                var version = await states.GetCurrentAsync(input.Organization, input.Workspace, cancellationToken);
                var text = outputs is not null && outputs.Length <= MaxOutputsChars ? outputs : null;
                await jobs.UpdateAsync(input.Organization, input.Workspace, input.JobId, j => j with { Outputs = text ?? j.Outputs, StateVersion = version is null ? j.StateVersion : (int)version.Number }, cancellationToken);
                return new StepResult(StepOutcome.Completed, null);
            default:
                return new StepResult(StepOutcome.Completed, null);
        }
    }

    /// <summary>
    /// The step was started, and its sandbox is gone: whatever it did cannot be collected. terraform may have died
    /// holding the state lock under the executor's identity, which would fail every later run, so that lock is released.
    /// </summary>
    private async Task<StepResult> RecoverVanishedAsync(SandboxedStep step, StepLog log, CancellationToken cancellationToken)
    {
        var reason = $"The step's sandbox {step.Name} is gone (the control plane restarted and the {sandbox.Driver} sandbox did not survive, or it was removed); the step's outcome is unknown.";
        log.Write(reason);
        await ReleaseExecutorLockAsync(step, log, cancellationToken);
        await CleanUpAsync(step, cancellationToken);
        return new StepResult(StepOutcome.Failed, reason);
    }

    /// <summary>
    /// Once the step's sandbox has ended, nothing holds the state lock as the executor any more: a workspace runs one job
    /// at a time, and this step was its only executor. terraform killed mid-apply (or unable to reach the API while the
    /// control plane restarted) leaves that lock behind, and it would fail every later run.
    /// </summary>
    private async Task ReleaseExecutorLockAsync(SandboxedStep step, StepLog log, CancellationToken cancellationToken)
    {
        if (!step.OnReject && await states.GetLockAsync(step.Input.Organization, step.Input.Workspace, cancellationToken) is { } held && held.LockedBy == ExecutorCredentials.LockHolder)
        {
            await states.UnlockAsync(step.Input.Organization, step.Input.Workspace, held.Id, cancellationToken);
            log.Write($"Released the state lock {held.Id} the step held.");
        }
    }

    /// <summary>Removes the sandbox and the working directory (the only plaintext copy of the step's secrets) and revokes the step's token.</summary>
    private async Task CleanUpAsync(SandboxedStep step, CancellationToken cancellationToken)
    {
        await sandbox.RemoveAsync(step.Name, cancellationToken);
        LocalFiles.DeleteQuietly(step.WorkingDirectory);
        if (!step.OnReject)
        {
            await credentials.RevokeAllNamedAsync(step.TokenName, cancellationToken);
        }
    }

    // A re-run never saw the token the first run issued: the sandbox's environment file still holds it.
    private async Task<LogMasker> MaskerForAsync(SandboxedStep step, CancellationToken cancellationToken)
    {
        var secrets = new List<string>();
        try
        {
            secrets.AddRange(TerraformInputs.From(await variables.ResolveAsync(step.Input.Organization, step.Input.Workspace, cancellationToken)).Secrets);
        }
        catch (ArgumentException)
        {
            // The variables changed into something invalid since the start; the token is still masked.
        }

        if (File.Exists(step.Files.Environment))
        {
            var prefix = BackendOverride.PasswordVariable + "=";
            secrets.AddRange((await File.ReadAllTextAsync(step.Files.Environment, cancellationToken)).Split('\0').Where(e => e.StartsWith(prefix, StringComparison.Ordinal)).Select(e => e[prefix.Length..]));
        }

        return new LogMasker(secrets);
    }

    private static void WriteEnvironment(string path, IReadOnlyDictionary<string, string> environment)
    {
        var content = new StringBuilder();
        foreach (var (key, value) in environment)
        {
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"The step variable '{key}' cannot be passed: names must be non-empty without '=' and neither name nor value may hold a NUL character.", nameof(environment));
            }

            content.Append(key).Append('=').Append(value).Append('\0');
        }

        StepScript.WritePrivate(path, content.ToString());
    }

    private async Task<StepResult> FinishAsync(StepInput input, bool onReject, StepResult result)
    {
        if (onReject)
        {
            return result;
        }

        var status = result.Outcome switch
        {
            StepOutcome.Completed or StepOutcome.NoChanges => StepStatus.Completed,
            StepOutcome.Cancelled => StepStatus.Cancelled,
            _ => StepStatus.Failed,
        };
        await SetStepAsync(input, status, result.Reason, StepLog.NameFor(input.Organization, input.Workspace, input.JobId, input.Step), CancellationToken.None);
        return result;
    }

    private async Task SetLogLinkAsync(StepInput input, string logName, CancellationToken cancellationToken)
    {
        await jobs.UpdateStepAsync(input.Organization, input.Workspace, input.JobId, input.Step, step => step with { LogBlob = logName }, cancellationToken);
    }

    private async Task FetchSourceAsync(Job job, Workspace workspace, WorkingDirectory directory, StepLog log, CancellationToken cancellationToken)
    {
        if (job.SourceArchive is { } archive)
        {
            // The job brought its own configuration (a TFE configuration version): the workspace's source is not used.
            log.Write("Unpacking the configuration uploaded for this run.");
            await ExtractAsync(archive, directory, cancellationToken);
            return;
        }

        switch (workspace.Source.Kind)
        {
            case WorkspaceSource.Git:
                log.Write($"Cloning {workspace.Source.Url} ({workspace.Source.Commit ?? workspace.Source.Branch}).");
                await GitSource.CloneAsync(workspace.Source.Url!, workspace.Source.Branch, workspace.Source.Commit, directory.SourceDirectory, log.Write, cancellationToken);
                break;
            case WorkspaceSource.Upload:
                log.Write("Unpacking the uploaded configuration.");
                await ExtractAsync(workspace.Source.ArchiveBlob!, directory, cancellationToken);
                break;
            default:
                throw new InvalidOperationException("The workspace has no source: set a git source or upload a configuration (PUT …/source).");
        }
    }

    private async Task ExtractAsync(string blob, WorkingDirectory directory, CancellationToken cancellationToken)
    {
        await using var download = await storage.Blobs.GetContainer(SourcesContainer).DownloadAsync(blob, cancellationToken: cancellationToken);
        await SourceArchive.ExtractAsync(download.Content, directory.SourceDirectory, ArchiveLimits.Default, cancellationToken);
    }

    // A plan file holds every variable's value, sensitive ones included, so it is stored encrypted like them.
    private async Task<string> SavePlanAsync(StepInput input, string planPath, CancellationToken cancellationToken)
    {
        var name = $"{input.Organization}/{input.Workspace}/{input.JobId}.tfplan";
        var container = storage.Blobs.GetContainer(PlansContainer);
        await container.CreateIfNotExistsAsync(cancellationToken);
        var sealedPlan = protector.Protect(Convert.ToBase64String(await File.ReadAllBytesAsync(planPath, cancellationToken)), PlanContext(name));
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(sealedPlan));
        await container.UploadAsync(name, content, cancellationToken: cancellationToken);
        return name;
    }

    private async Task<bool> LoadPlanAsync(string blob, string planPath, CancellationToken cancellationToken)
    {
        try
        {
            await using var download = await storage.Blobs.GetContainer(PlansContainer).DownloadAsync(blob, cancellationToken: cancellationToken);
            using var reader = new StreamReader(download.Content);
            var plan = Convert.FromBase64String(protector.Unprotect(await reader.ReadToEndAsync(cancellationToken), PlanContext(blob)));
            StepScript.WritePrivate(planPath, plan);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    private static string PlanContext(string blob) => "plan:" + blob;

    private async Task WatchForCancelAsync(StepInput input, CancellationTokenSource cancel, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                await Task.Delay(options.Value.CancelPollInterval, time, cancel.Token);
                var job = await jobs.GetAsync(input.Organization, input.Workspace, input.JobId, cancellationToken);
                if (job is null || job.CancelRequested)
                {
                    await cancel.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The step ended or was cancelled.
        }
    }

    private async Task SetStepAsync(StepInput input, string status, string? reason, string? logBlob, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await jobs.UpdateStepAsync(input.Organization, input.Workspace, input.JobId, input.Step, step => step with
        {
            Status = status,
            Reason = reason,
            LogBlob = logBlob ?? step.LogBlob,
            StartedAt = step.StartedAt ?? now,
            FinishedAt = StepStatus.IsFinal(status) ? now : null,
        }, cancellationToken);
    }
}
