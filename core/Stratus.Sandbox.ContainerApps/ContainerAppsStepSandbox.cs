using System.Text.Json.Nodes;
using Azure;
using Microsoft.Extensions.Logging;

namespace Stratus.Sandbox.ContainerApps;

/// <summary>
/// Runs each step as one execution of a Container Apps job, so nothing a step does runs in the Functions process or
/// holds its identity. The working directory travels as a bundle through blob storage (the cloud cannot mount a host
/// folder); tools come from the step image; the name → execution mapping is a blob, so any process can follow, stop
/// or remove a step by name after a crash. Exit codes and ordered, complete logs come from the wrapper
/// (<see cref="StepWrapper"/>), since Container Apps reports only Succeeded or Failed.
/// </summary>
internal sealed partial class ContainerAppsStepSandbox(
    ContainerAppsSandboxOptions options,
    ContainerAppsJobsClient jobs,
    LogAnalyticsLogReader? logs,
    StepBundles bundles,
    TimeProvider time,
    ILogger<ContainerAppsStepSandbox> logger) : IStepSandbox
{
    public const string DriverName = "containerapps";

    /// <summary>The exit code reported when a failed execution left none (killed before its wrapper could upload).</summary>
    public const int UnknownExitCode = 255;

    public string Driver => DriverName;

    // The settings were validated on start; ARM, storage and Log Analytics answer (or fail, with reasons) per call.
    public string? Unavailable => null;

    public async Task StartAsync(StepSandboxSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Check(spec);
        var workingDirectory = Path.GetFullPath(spec.WorkingDirectory);
        var record = new SandboxRecord(spec.Name, workingDirectory, time.GetUtcNow(), null);
        var etag = await bundles.TryClaimAsync(record, cancellationToken) ?? await TakeOverStaleClaimAsync(record, cancellationToken) ?? throw new SandboxAlreadyExistsException(spec.Name);

        await bundles.UploadInputAsync(spec.Name, workingDirectory, cancellationToken);
        var (input, result, log) = await bundles.StepUrlsAsync(spec.Name, options.InputUrlLifetime, options.ResultUrlLifetime, cancellationToken);
        var environment = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal)
        {
            [StepWrapper.DirectoryVariable] = workingDirectory,
            [StepWrapper.InputVariable] = input.AbsoluteUri,
            [StepWrapper.ResultVariable] = result.AbsoluteUri,
            [StepWrapper.LogVariable] = log.AbsoluteUri,
            [StepWrapper.NameVariable] = spec.Name,
        };

        // From here a failure may have started the execution (an answer lost on the way back), so the claim stays: the
        // next look-up by name finds the execution by its environment, or declares the claim stale.
        var execution = await jobs.StartAsync(Template(spec, environment), cancellationToken);
        if (await bundles.TryReplaceRecordAsync(record with { Execution = execution }, etag, CancellationToken.None) is null)
        {
            LogRecordRaced(logger, spec.Name, execution);
        }

        LogStarted(logger, spec.Name, execution, options.JobName!);
    }

    public async Task<SandboxInfo> InspectAsync(string name, CancellationToken cancellationToken)
    {
        var found = await ResolveAsync(name, cancellationToken);
        if (found is not var (_, execution))
        {
            return SandboxInfo.Missing(name);
        }

        if (execution is null)
        {
            return new SandboxInfo(name, SandboxStatus.Running, null, new Dictionary<string, string>());
        }

        var environment = StepEnvironment(execution);
        return execution.HasEnded
            ? new SandboxInfo(name, SandboxStatus.Exited, await ExitCodeAsync(name, execution, cancellationToken), environment)
            : new SandboxInfo(name, SandboxStatus.Running, null, environment);
    }

    public async Task<int> FollowAsync(string name, long fromLine, Action<string> onLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        var lines = new NumberedLines(fromLine, onLine);
        while (true)
        {
            var (record, execution) = await ResolveAsync(name, cancellationToken) ?? throw new SandboxMissingException(name);
            if (execution is { HasEnded: true })
            {
                // The wrapper's log blob is complete and ordered; Log Analytics is the fallback when it never arrived.
                lines.Add(await bundles.ReadLogAsync(name, cancellationToken) ?? await ReadLiveLogAsync(execution.Name, cancellationToken));
                lines.Flush();
                await bundles.DownloadResultAsync(name, record.WorkingDirectory, cancellationToken);
                return await ExitCodeAsync(name, execution, cancellationToken);
            }

            if (execution is not null)
            {
                lines.Add(await ReadLiveLogAsync(execution.Name, cancellationToken));
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    public async Task StopAsync(string name, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(name, cancellationToken) is not (_, { HasEnded: false } execution))
        {
            return;
        }

        // Container Apps sends SIGTERM (the wrapper passes it to the step's processes, which terraform treats as an
        // interrupt) and kills after the job's termination grace period; this waits that long for the end to show.
        await jobs.StopAsync(execution.Name, cancellationToken);
        var deadline = time.GetUtcNow() + gracePeriod;
        while (time.GetUtcNow() < deadline)
        {
            if (await jobs.GetAsync(execution.Name, cancellationToken) is not { HasEnded: false })
            {
                return;
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(name, cancellationToken) is (_, { HasEnded: false } execution))
        {
            await jobs.StopAsync(execution.Name, cancellationToken);
        }

        // Container Apps keeps its execution history itself (there is no delete); what Stratus kept, including the
        // input bundle with the step's secrets, goes now.
        await bundles.DeleteAsync(name, cancellationToken);
    }

    /// <summary>The record and the execution behind a name; null when the name has none (never started, removed, or a start that never reached ARM).</summary>
    private async Task<(SandboxRecord Record, JobExecution? Execution)?> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        if (await bundles.ReadRecordAsync(name, cancellationToken) is not var (record, etag))
        {
            return null;
        }

        if (record.Execution is { } executionName)
        {
            return await jobs.GetAsync(executionName, cancellationToken) is { } execution ? (record, execution) : null;
        }

        // Claimed, and ARM's answer was never recorded: the execution carries the name in its environment.
        if (await jobs.FindAsync(StepWrapper.NameVariable, name, cancellationToken) is { } started)
        {
            var updated = record with { Execution = started.Name };
            await bundles.TryReplaceRecordAsync(updated, etag, cancellationToken);
            return (updated, started);
        }

        return time.GetUtcNow() - record.ClaimedAt < options.StaleStartClaim ? (record, null) : null;
    }

    /// <summary>A claim whose start never reached ARM (the process died in between) is taken over once it is stale.</summary>
    private async Task<ETag?> TakeOverStaleClaimAsync(SandboxRecord record, CancellationToken cancellationToken)
    {
        if (await bundles.ReadRecordAsync(record.Name, cancellationToken) is not var (held, etag) || held.Execution is not null)
        {
            return null;
        }

        if (time.GetUtcNow() - held.ClaimedAt < options.StaleStartClaim || await jobs.FindAsync(StepWrapper.NameVariable, record.Name, cancellationToken) is not null)
        {
            return null;
        }

        LogStaleClaim(logger, record.Name, held.ClaimedAt);
        return await bundles.TryReplaceRecordAsync(record, etag, cancellationToken);
    }

    private async Task<IReadOnlyList<string>> ReadLiveLogAsync(string execution, CancellationToken cancellationToken)
    {
        if (logs is null)
        {
            return [];
        }

        try
        {
            return await logs.ReadAsync(execution, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            // The complete log arrives with the exit; a missed read only delays lines.
            LogLiveLogFailed(logger, execution, e.Message);
            return [];
        }
    }

    private async Task<int> ExitCodeAsync(string name, JobExecution execution, CancellationToken cancellationToken) =>
        await bundles.ReadExitCodeAsync(name, cancellationToken) ?? (execution.Status == "Succeeded" ? 0 : UnknownExitCode);

    private static Dictionary<string, string> StepEnvironment(JobExecution execution) =>
        execution.Environment.Where(e => !StepWrapper.Variables.Contains(e.Key)).ToDictionary(StringComparer.Ordinal);

    private JsonObject Template(StepSandboxSpec spec, Dictionary<string, string> environment)
    {
        var env = new JsonArray();
        foreach (var (key, value) in environment)
        {
            env.Add(new JsonObject { ["name"] = key, ["value"] = value });
        }

        var command = new JsonArray("/bin/bash", "-c", StepWrapper.Script, "stratus-step");
        var args = new JsonArray();
        foreach (var part in spec.Command)
        {
            args.Add(part);
        }

        return new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = options.ContainerName,
                ["image"] = options.Image,
                ["command"] = command,
                ["args"] = args,
                ["env"] = env,
                ["resources"] = new JsonObject { ["cpu"] = options.Cpu, ["memory"] = options.Memory },
            }),
        };
    }

    private static void Check(StepSandboxSpec spec)
    {
        // The name is a blob folder and a value in ARM: SandboxNames' alphabet keeps it plain in both.
        if (spec.Name.Length is 0 or > 100 || !spec.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"The sandbox name '{spec.Name}' must be 1-100 lower-case letters, digits and '-' (see SandboxNames).", nameof(spec));
        }

        if (!Path.IsPathFullyQualified(spec.WorkingDirectory) || !Directory.Exists(spec.WorkingDirectory))
        {
            throw new ArgumentException($"The working directory '{spec.WorkingDirectory}' must be an existing absolute folder.", nameof(spec));
        }

        if (spec.Command.Count == 0)
        {
            throw new ArgumentException("The step's command is empty: name the program to run.", nameof(spec));
        }

        if (spec.Environment.Keys.FirstOrDefault(key => key.StartsWith("STRATUS_SANDBOX_", StringComparison.Ordinal)) is { } reserved)
        {
            throw new ArgumentException($"The step variable '{reserved}' is reserved for the sandbox's own use; rename it.", nameof(spec));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started step sandbox {Name} as execution {Execution} of Container Apps job {Job}.")]
    private static partial void LogStarted(ILogger logger, string name, string execution, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Step sandbox {Name} started as execution {Execution}, but its record changed meanwhile; look-ups find the execution by its environment.")]
    private static partial void LogRecordRaced(ILogger logger, string name, string execution);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Step sandbox {Name} was claimed at {ClaimedAt} and never reached Container Apps; starting it anew.")]
    private static partial void LogStaleClaim(ILogger logger, string name, DateTimeOffset claimedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the live log of execution {Execution} from Log Analytics: {Reason}")]
    private static partial void LogLiveLogFailed(ILogger logger, string execution, string reason);
}
