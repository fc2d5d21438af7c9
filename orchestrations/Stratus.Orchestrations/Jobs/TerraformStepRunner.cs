using Microsoft.Extensions.Options;
using Stratus.Infra.Execution;
using Stratus.Infra.Jobs;
using Stratus.Infra.State;
using Stratus.Infra.Templates;
using Stratus.Infra.Variables;
using Stratus.Infra.Workspaces;
using Stratus.Storage;
using Stratus.Archives;
using Stratus.Secrets;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// The executor: prepares a clean working directory (git clone or the uploaded archive), resolves the terraform or
/// tofu binary, points state at Stratus through terraform's http backend, passes variables, runs <c>init</c>, the
/// <c>before</c> commands, the operation, then <c>after</c> (on success) or <c>onFailure</c> — streaming every
/// masked line to the step's log. A plan keeps its plan file for the later apply; an apply or destroy records the
/// outputs. A cancel request (the job's flag, checked every second) or the step timeout kills terraform's process tree.
/// </summary>
public sealed class TerraformStepRunner(
    JobStore jobs,
    WorkspaceStore workspaces,
    IStorageAccount storage,
    StateStore states,
    SecretProtector protector,
    ExecutorCredentials credentials,
    IJobVariableSource variables,
    IOptions<JobExecutionOptions> options,
    IHttpClientFactory httpClients,
    TimeProvider time)
{
    public const string PlansContainer = "stratus-plans";
    public const string SourcesContainer = "stratus-sources";
    private const string PlanFile = "stratus.tfplan";
    private const int MaxOutputsChars = 30_000;

    public async Task<StepResult> RunAsync(StepInput input, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(input.Organization, input.Workspace, input.JobId, cancellationToken);
        var workspace = await workspaces.GetAsync(input.Organization, input.Workspace, cancellationToken);
        var flow = job is null ? null : TclParser.Parse(job.Tcl).Template?.Flows.FirstOrDefault(f => f.Step == input.Step);
        if (job is null || workspace is null || flow is null)
        {
            return new StepResult(StepOutcome.Failed, "The job, its workspace or this step no longer exists.");
        }

        if (input.Phase == StepInput.OnReject)
        {
            return await RunOnRejectAsync(input, workspace, flow, cancellationToken);
        }

        if (job.CancelRequested || job.Status == JobStatus.Cancelled)
        {
            await SetStepAsync(input, StepStatus.Cancelled, "Cancelled before it started.", null, cancellationToken);
            return new StepResult(StepOutcome.Cancelled, "Cancelled.");
        }

        var logName = StepLog.NameFor(input.Organization, input.Workspace, input.JobId, input.Step);
        await SetStepAsync(input, StepStatus.Running, null, logName, cancellationToken);
        using var timeout = new CancellationTokenSource(options.Value.StepTimeout, time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var watcher = WatchForCancelAsync(input, cancel, cancellationToken);
        StepResult result;
        await using (var log = await StepLog.OpenAsync(storage, logName, cancellationToken))
        {
            try
            {
                result = await ExecuteAsync(input, job, workspace, flow, log, cancel.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = timeout.IsCancellationRequested ? $"The step ran longer than {options.Value.StepTimeout} and was stopped." : "Cancelled while running; terraform was stopped.";
                log.Write(reason);
                result = new StepResult(timeout.IsCancellationRequested ? StepOutcome.Failed : StepOutcome.Cancelled, reason);
            }
            catch (Exception ex) when (ex is TerraformNotFoundException or GitSourceException or InvalidSourceArchiveException or InvalidOperationException or ArgumentException or IOException)
            {
                log.Write("Error: " + ex.Message);
                result = new StepResult(StepOutcome.Failed, ex.Message);
            }
            finally
            {
                await cancel.CancelAsync();
                await watcher;
            }
        }

        var status = result.Outcome switch
        {
            StepOutcome.Completed or StepOutcome.NoChanges => StepStatus.Completed,
            StepOutcome.Cancelled => StepStatus.Cancelled,
            _ => StepStatus.Failed,
        };
        await SetStepAsync(input, status, result.Reason, logName, CancellationToken.None);
        return result;
    }

    private async Task<StepResult> ExecuteAsync(StepInput input, Job job, Workspace workspace, TclFlow flow, StepLog log, CancellationToken cancellationToken)
    {
        using var directory = WorkingDirectory.Create(options.Value.WorkRoot, $"{input.Organization}.{input.Workspace}.{input.JobId}.{input.Step}.{Guid.NewGuid():N}");
        await FetchSourceAsync(workspace, directory, log, cancellationToken);
        var module = directory.ResolveFolder(workspace.Source.Folder);
        var resolved = await variables.ResolveAsync(input.Organization, input.Workspace, cancellationToken);
        var inputs = TerraformInputs.From(resolved);
        inputs.WriteTfvars(module);

        var binaryOptions = new TerraformBinaryOptions(options.Value.Binaries, options.Value.ReleasesBaseUrl, options.Value.BinaryCache);
        var binary = await new TerraformBinaryResolver(binaryOptions, httpClients.CreateClient(TerraformHttpClient.Name)).ResolveAsync(workspace.IacType, workspace.TerraformVersion, log.Write, cancellationToken);
        var token = await credentials.IssueAsync($"job-{input.JobId}-step-{input.Step}", options.Value.StepTimeout, cancellationToken);
        try
        {
            // terraform keeps the address's query when it adds ?ID=, so every version it writes names this job.
            var stateAddress = new UriBuilder(BackendOverride.StateAddress(new Uri(options.Value.ApiUrl), input.Organization, input.Workspace)) { Query = $"jobId={input.JobId}" }.Uri;
            BackendOverride.Write(module, stateAddress);
            var environment = new Dictionary<string, string>(inputs.Environment)
            {
                // The host's ~/.terraformrc (credentials, mirrors) is not the job's business.
                ["TF_CLI_CONFIG_FILE"] = directory.CliConfigFile,
            };
            foreach (var (key, value) in BackendOverride.CredentialEnvironment(ExecutorCredentials.UserName, token.Secret))
            {
                environment[key] = value;
            }

            MapTemplateInputs(flow, resolved, environment);
            var masker = inputs.CreateMasker(token.Secret);
            var run = new StepProcess(binary, module, environment, masker, log);
            return await RunFlowAsync(input, job, flow, run, cancellationToken);
        }
        finally
        {
            await credentials.RevokeAsync(token, CancellationToken.None);
        }
    }

    /// <summary>
    /// An approval flow's onReject commands, after a rejection: in a fresh working directory with the source and the
    /// variables, no terraform and no state credentials. The step keeps its rejected status; its log gets the output.
    /// </summary>
    private async Task<StepResult> RunOnRejectAsync(StepInput input, Workspace workspace, TclFlow flow, CancellationToken cancellationToken)
    {
        var logName = StepLog.NameFor(input.Organization, input.Workspace, input.JobId, input.Step);
        await using var log = await StepLog.OpenAsync(storage, logName, cancellationToken);
        await SetLogLinkAsync(input, logName, cancellationToken);
        try
        {
            using var directory = WorkingDirectory.Create(options.Value.WorkRoot, $"{input.Organization}.{input.Workspace}.{input.JobId}.{input.Step}.reject.{Guid.NewGuid():N}");
            await FetchSourceAsync(workspace, directory, log, cancellationToken);
            var resolved = await variables.ResolveAsync(input.Organization, input.Workspace, cancellationToken);
            var inputs = TerraformInputs.From(resolved);
            var environment = new Dictionary<string, string>(inputs.Environment);
            log.Write("Running onReject commands.");
            var run = new StepProcess("terraform", directory.ResolveFolder(workspace.Source.Folder), environment, inputs.CreateMasker(), log);
            var result = await run.ScriptsAsync(flow.OnReject, cancellationToken);
            return result.Succeeded ? new StepResult(StepOutcome.Completed, null) : new StepResult(StepOutcome.Failed, $"An onReject command exited with {result.ExitCode}.");
        }
        catch (Exception ex) when (ex is GitSourceException or InvalidSourceArchiveException or InvalidOperationException or ArgumentException or IOException)
        {
            log.Write("Error: " + ex.Message);
            return new StepResult(StepOutcome.Failed, ex.Message);
        }
    }

    /// <summary>
    /// TCL's inputsEnv and inputsTerraform: <c>NAME: $GLOBAL</c> passes the organization global GLOBAL (as the job
    /// resolved it) as environment variable NAME, or as terraform variable NAME.
    /// </summary>
    private static void MapTemplateInputs(TclFlow flow, IReadOnlyList<Infra.Execution.ResolvedVariable> resolved, Dictionary<string, string> environment)
    {
        string Lookup(string name, string reference)
        {
            var key = reference.TrimStart('$');
            return resolved.FirstOrDefault(v => v.Key == key)?.Value
                ?? throw new InvalidOperationException($"The template maps '{name}' to '{reference}', but no global or variable '{key}' is set for this workspace.");
        }

        foreach (var (name, reference) in flow.InputsEnv)
        {
            environment[name] = Lookup(name, reference);
        }

        foreach (var (name, reference) in flow.InputsTerraform)
        {
            environment["TF_VAR_" + name] = Lookup(name, reference);
        }
    }

    private async Task SetLogLinkAsync(StepInput input, string logName, CancellationToken cancellationToken)
    {
        await jobs.UpdateStepAsync(input.Organization, input.Workspace, input.JobId, input.Step, step => step with { LogBlob = logName }, cancellationToken);
    }

    private async Task<StepResult> RunFlowAsync(StepInput input, Job job, TclFlow flow, StepProcess run, CancellationToken cancellationToken)
    {
        if (flow.Type == TclFlowType.CustomScripts)
        {
            var scripts = await run.ScriptsAsync(flow.Commands, cancellationToken);
            return scripts.Succeeded ? new StepResult(StepOutcome.Completed, null) : await FailAsync(run, flow, $"Script (priority {scripts.Failed?.Priority}) exited with {scripts.ExitCode}.", cancellationToken);
        }

        if (await run.TerraformAsync(TerraformCommands.Init(), cancellationToken) is var init and not 0)
        {
            return await FailAsync(run, flow, $"terraform init exited with {init}.", cancellationToken);
        }

        var before = await run.ScriptsAsync(flow.Commands.Where(c => c.Before), cancellationToken);
        if (!before.Succeeded)
        {
            return await FailAsync(run, flow, $"A 'before' command exited with {before.ExitCode}.", cancellationToken);
        }

        var (outcome, reason) = await OperateAsync(input, job, flow, run, cancellationToken);
        if (outcome == StepOutcome.Failed)
        {
            return await FailAsync(run, flow, reason!, cancellationToken);
        }

        var after = await run.ScriptsAsync(flow.Commands.Where(c => c.After), cancellationToken);
        return after.Succeeded ? new StepResult(outcome, reason) : await FailAsync(run, flow, $"An 'after' command exited with {after.ExitCode}.", cancellationToken);
    }

    private async Task<(string Outcome, string? Reason)> OperateAsync(StepInput input, Job job, TclFlow flow, StepProcess run, CancellationToken cancellationToken)
    {
        var planPath = Path.Combine(run.Module, PlanFile);
        switch (flow.Type)
        {
            case TclFlowType.TerraformPlan or TclFlowType.TerraformPlanDestroy:
                var exit = await run.TerraformAsync(TerraformCommands.Plan(planPath, flow.Type == TclFlowType.TerraformPlanDestroy ? new TerraformPlanOptions(Destroy: true) : null), cancellationToken);
                var plan = PlanOutcomes.FromExitCode(exit);
                if (plan == PlanOutcome.Failed)
                {
                    return (StepOutcome.Failed, $"terraform plan exited with {exit}.");
                }

                var blob = plan == PlanOutcome.Changes ? await SavePlanAsync(input, planPath, cancellationToken) : null;
                await jobs.UpdateAsync(input.Organization, input.Workspace, input.JobId, j => j with { PlanChanges = plan == PlanOutcome.Changes, PlanBlob = blob }, cancellationToken);
                return plan == PlanOutcome.Changes ? (StepOutcome.Completed, null) : (StepOutcome.NoChanges, "No changes.");

            case TclFlowType.TerraformApply:
                var fresh = await jobs.GetAsync(input.Organization, input.Workspace, input.JobId, cancellationToken);
                var saved = fresh?.PlanBlob is { } planBlob && await LoadPlanAsync(planBlob, planPath, cancellationToken);
                var applied = await run.TerraformAsync(TerraformCommands.Apply(saved ? planPath : null), cancellationToken);
                return applied == 0 ? await RecordOutputsAsync(input, run, cancellationToken) : (StepOutcome.Failed, $"terraform apply exited with {applied}.");

            case TclFlowType.TerraformDestroy:
                var destroyed = await run.TerraformAsync(TerraformCommands.Destroy(), cancellationToken);
                return destroyed == 0 ? await RecordOutputsAsync(input, run, cancellationToken) : (StepOutcome.Failed, $"terraform destroy exited with {destroyed}.");

            default:
                return (StepOutcome.Failed, $"Flow type '{flow.Type}' does not run on the executor.");
        }
    }

    private async Task<(string Outcome, string? Reason)> RecordOutputsAsync(StepInput input, StepProcess run, CancellationToken cancellationToken)
    {
        var (exit, outputs) = await run.CaptureAsync(TerraformCommands.Output(), cancellationToken);
        var version = await states.GetCurrentAsync(input.Organization, input.Workspace, cancellationToken);
        var text = exit == 0 && outputs.Length <= MaxOutputsChars ? outputs : null;
        await jobs.UpdateAsync(input.Organization, input.Workspace, input.JobId, j => j with { Outputs = text ?? j.Outputs, StateVersion = version is null ? j.StateVersion : (int)version.Number }, cancellationToken);

        return (StepOutcome.Completed, null);
    }

    private static async Task<StepResult> FailAsync(StepProcess run, TclFlow flow, string reason, CancellationToken cancellationToken)
    {
        if (flow.OnFailure.Count > 0)
        {
            run.Log.Write("Running onFailure commands.");
            await run.ScriptsAsync(flow.OnFailure, cancellationToken);
        }

        return new StepResult(StepOutcome.Failed, reason);
    }

    private async Task FetchSourceAsync(Workspace workspace, WorkingDirectory directory, StepLog log, CancellationToken cancellationToken)
    {
        switch (workspace.Source.Kind)
        {
            case WorkspaceSource.Git:
                log.Write($"Cloning {workspace.Source.Url} ({workspace.Source.Commit ?? workspace.Source.Branch}).");
                await GitSource.CloneAsync(workspace.Source.Url!, workspace.Source.Branch, workspace.Source.Commit, directory.SourceDirectory, log.Write, cancellationToken);
                break;
            case WorkspaceSource.Upload:
                log.Write("Unpacking the uploaded configuration.");
                var container = storage.Blobs.GetContainer(SourcesContainer);
                await using (var download = await container.DownloadAsync(workspace.Source.ArchiveBlob!, cancellationToken: cancellationToken))
                {
                    await SourceArchive.ExtractAsync(download.Content, directory.SourceDirectory, ArchiveLimits.Default, cancellationToken);
                }

                break;
            default:
                throw new InvalidOperationException("The workspace has no source: set a git source or upload a configuration (PUT …/source).");
        }
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
            await File.WriteAllBytesAsync(planPath, plan, cancellationToken);
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
