using System.Globalization;
using Stratus.Containers.Builders;
using Stratus.Containers.Tools;
using Stratus.Processes;

namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// Runs a job's container with podman, as a Kubernetes Job would: <c>podman create</c> (host network, the plan's
/// limits, env passed through podman's own environment so values never appear in a command line) then
/// <c>podman start --attach</c>, whose output is the log and whose exit code is the container's. A failing container
/// is retried up to the backoff limit; the deadline covers all attempts and removes the container when it passes.
/// Containers are removed after each attempt: the log is the caller's to keep.
/// </summary>
internal sealed class PodmanJobRunner : IJobRunner
{
    public const string JobLabel = "stratus.job";
    public const string RunLabel = "stratus.job-run";
    private readonly PodmanCli _cli;
    private readonly ContainerToolsEnvironment _tools;
    private readonly TimeProvider _time;

    public PodmanJobRunner(ContainerToolsEnvironment tools, TimeProvider time)
    {
        _tools = tools;
        _time = time;
        _cli = new PodmanCli(tools, Path.GetTempPath());
    }

    public string Provisioner => "podman";

    public static string ContainerName(string job, string runId, int attempt) => $"stratus-job-{job}-{runId[^12..]}-{attempt}";

    public async Task<JobRunResult> RunAsync(JobRunSpec spec, Action<string> log, CancellationToken cancellationToken)
    {
        var masker = new LogMasker(spec.Secrets);
        void Log(string line) => log(masker.Mask(line));
        using var deadline = new CancellationTokenSource(spec.Deadline, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        int? exitCode = null;
        var attempt = 0;
        try
        {
            while (attempt <= spec.BackoffLimit)
            {
                attempt++;
                var name = ContainerName(spec.Job, spec.RunId, attempt);
                if (attempt > 1)
                {
                    Log($"---- attempt {attempt} of {spec.BackoffLimit + 1} (the last one exited {exitCode}) ----");
                }

                try
                {
                    var created = await RunPodmanAsync(CreateArguments(spec, name), spec, Log, linked.Token);
                    if (created != 0)
                    {
                        // Not the container's failure (pull, bad image, runtime): a retry would fail the same way.
                        return new JobRunResult(null, attempt, $"podman could not create the container (exit {created}); see the log.");
                    }

                    exitCode = await RunPodmanAsync(["start", "--attach", name], spec, Log, linked.Token);
                }
                finally
                {
                    await _cli.RunAsync(["rm", "-f", "--ignore", "-t", "0", name], null, CancellationToken.None);
                }

                if (exitCode == 0)
                {
                    return new JobRunResult(0, attempt, null);
                }
            }

            return new JobRunResult(exitCode, attempt, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var seconds = spec.Deadline.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
            Log($"---- stopped: the run passed its deadline (activeDeadlineSeconds {seconds}) ----");
            return new JobRunResult(null, attempt, $"DeadlineExceeded: the run was active longer than {seconds} seconds.");
        }
    }

    public async Task StopAsync(string job, string runId, CancellationToken cancellationToken)
    {
        var running = await _cli.JsonArrayAsync(["ps", "-a", "--format", "json", "--filter", $"label={RunLabel}={runId}"], allowFailure: true, cancellationToken);
        foreach (var container in running)
        {
            if (container?["Id"]?.GetValue<string>() is { } id)
            {
                await _cli.RunAsync(["rm", "-f", "--ignore", "-t", "0", id], null, cancellationToken);
            }
        }
    }

    private List<string> CreateArguments(JobRunSpec spec, string name)
    {
        var tls = ImageReferences.IsInsecure(spec.Image, _tools.Options.InsecureRegistries) ? "--tls-verify=false" : "--tls-verify=true";
        List<string> arguments = ["create", "--name", name, "--replace", "--network", "host", "--pull", "missing", tls,
            "--label", $"{JobLabel}={spec.Job}", "--label", $"{RunLabel}={spec.RunId}"];
        foreach (var (variable, value) in spec.Env.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            // The name alone: podman copies the value from its own environment (set in RunPodmanAsync), so it stays
            // out of the process list. A name podman itself needs (PATH, HOME, CONTAINERS_CONF…) cannot travel that way.
            arguments.AddRange(["--env", _tools.Variables.ContainsKey(variable) ? $"{variable}={value}" : variable]);
        }

        if (spec.Resources is { } plan)
        {
            if (plan.MemoryBytes > 0)
            {
                arguments.AddRange(["--memory", plan.MemoryBytes.ToString(CultureInfo.InvariantCulture)]);
            }

            if (plan.CpuMilli > 0)
            {
                arguments.AddRange(["--cpus", (plan.CpuMilli / 1000.0).ToString("0.###", CultureInfo.InvariantCulture)]);
            }
        }

        if (spec.Command.Count > 0)
        {
            // Kubernetes' 'command' replaces the entrypoint and drops the image's CMD; so does this.
            arguments.AddRange(["--entrypoint", spec.Command[0], spec.Image, .. spec.Command.Skip(1)]);
        }
        else
        {
            arguments.Add(spec.Image);
        }

        return arguments;
    }

    private Task<int> RunPodmanAsync(IReadOnlyList<string> arguments, JobRunSpec spec, Action<string> log, CancellationToken cancellationToken)
    {
        var processSpec = _cli.Spec(arguments);
        var environment = new Dictionary<string, string>(processSpec.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in spec.Env)
        {
            environment.TryAdd(name, value);
        }

        return ProcessRunner.RunAsync(processSpec with { Environment = environment }, log, cancellationToken);
    }
}
