using System.Globalization;
using System.Text;
using k8s;
using k8s.Models;
using Stratus.Kubernetes.Api;
using Stratus.Kubernetes.Client;
using Stratus.Processes;

namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// Runs a job in a Kubernetes pool as Tsuru does: server-side applies the job's Secret (private env) and a Job named
/// after the run (<see cref="KubernetesJobManifest.Job"/>), then polls the Job until its Complete or Failed condition
/// (the cluster enforces the backoff limit and <c>activeDeadlineSeconds</c>). The pods' logs are read once the Job has
/// ended (a day's TTL keeps them), masked; the exit code is the newest pod's container's, and the attempts count both
/// failed pods and in-place restarts (the template restarts OnFailure, so retries are mostly restarts).
/// </summary>
public sealed class KubernetesJobRunner : IJobRunner
{
    /// <summary>How often the Job's status is read.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long past the deadline the runner waits for the cluster to say so before it deletes the Job itself.</summary>
    public static readonly TimeSpan DeadlineGrace = TimeSpan.FromMinutes(1);

    /// <summary>The label the Job controller puts on its pods (on every Kubernetes version, next to <c>batch.kubernetes.io/job-name</c>).</summary>
    private const string JobNameLabel = "job-name";

    private readonly KubernetesResources _api;
    private readonly TimeProvider _time;

    /// <param name="ns">The pool's namespace.</param>
    public KubernetesJobRunner(IKubernetes client, string ns, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(time);
        _api = new KubernetesResources(client, ns);
        _time = time;
    }

    public string Provisioner => "kubernetes";

    /// <summary>The Job's name for a run (as <see cref="KubernetesJobManifest.Job"/> names it).</summary>
    public static string JobName(string job, string runId) => $"{job}-{runId[^12..]}";

    public async Task<JobRunResult> RunAsync(JobRunSpec spec, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(log);
        var masker = new LogMasker(spec.Secrets);
        void Log(string line) => log(masker.Mask(line));

        var manifest = ManifestSpec(spec);
        var job = KubernetesJobManifest.Job(manifest, spec.RunId);
        var name = KubernetesObjects.Name(job);
        try
        {
            if (KubernetesJobManifest.Secret(manifest) is { } secret)
            {
                await _api.ApplyAsync(secret, cancellationToken);
            }

            await _api.ApplyAsync(job, cancellationToken);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
        {
            return new JobRunResult(null, 0, $"The Job could not be applied in namespace '{_api.Namespace}': {e.Message}");
        }

        Log($"---- applied Job {name} in namespace {_api.Namespace} ----");
        var seconds = manifest.ActiveDeadlineSeconds.ToString(CultureInfo.InvariantCulture);
        var deadlineError = $"DeadlineExceeded: the run was active longer than {seconds} seconds.";
        V1JobCondition? ended;
        try
        {
            ended = await WaitForEndAsync(name, spec.Deadline + DeadlineGrace, Log, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The cluster should have failed the Job at its deadline; it did not say so, so the runner ends it.
            await _api.DeleteJobAsync(name, CancellationToken.None);
            Log($"---- stopped: the run passed its deadline (activeDeadlineSeconds {seconds}) and the cluster did not end it; the Job was deleted ----");
            return new JobRunResult(null, 0, deadlineError);
        }

        if (ended is null)
        {
            return new JobRunResult(null, 0, $"The Job {name} was deleted before it finished (a newer run replaced it, or someone deleted it).");
        }

        var pods = (await _api.ListPodsAsync($"{JobNameLabel}={name}", cancellationToken))
            .OrderBy(p => p.Metadata?.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(KubernetesObjects.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var pod in pods)
        {
            await CopyLogAsync(pod, Log, cancellationToken);
        }

        var live = await _api.GetJobAsync(name, cancellationToken);
        var attempts = Math.Max((live?.Status?.Succeeded ?? 0) + (live?.Status?.Failed ?? 0), pods.Sum(p => (ContainerStatus(p)?.RestartCount ?? 0) + 1));
        var exitCode = pods.Count == 0 ? null : ExitCode(pods[^1]);
        return ended.Type switch
        {
            "Complete" => new JobRunResult(exitCode ?? 0, attempts, null),
            _ when ended.Reason == "DeadlineExceeded" => DeadlineExceeded(),
            _ when ended.Reason == "BackoffLimitExceeded" && exitCode is not null => new JobRunResult(exitCode, attempts, null),
            _ => new JobRunResult(exitCode, attempts, $"{ended.Reason}: {ended.Message}"),
        };

        JobRunResult DeadlineExceeded()
        {
            Log($"---- stopped: the run passed its deadline (activeDeadlineSeconds {seconds}) ----");
            return new JobRunResult(null, attempts, deadlineError);
        }
    }

    public async Task StopAsync(string job, string runId, CancellationToken cancellationToken)
    {
        // Background: the Job goes at once, its pods are removed by the garbage collector.
        await _api.DeleteJobAsync(JobName(job, runId), cancellationToken);
    }

    /// <summary>The Job's Complete or Failed condition, or null when the Job is gone; throws <see cref="TimeoutException"/> past <paramref name="limit"/>.</summary>
    private async Task<V1JobCondition?> WaitForEndAsync(string name, TimeSpan limit, Action<string> log, CancellationToken cancellationToken)
    {
        var giveUpAt = _time.GetUtcNow() + limit;
        string? lastProblem = null;
        while (true)
        {
            try
            {
                if (await _api.GetJobAsync(name, cancellationToken) is not { } live)
                {
                    return null;
                }

                if (live.Status?.Conditions?.FirstOrDefault(c => c.Type is "Complete" or "Failed" && c.Status == "True") is { } ended)
                {
                    return ended;
                }
            }
            catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
            {
                // A passing API failure must not fail a run the cluster is still running; said once per kind of failure.
                if (lastProblem != e.Message)
                {
                    log($"(could not read the Job, still waiting: {e.Message})");
                    lastProblem = e.Message;
                }
            }

            if (_time.GetUtcNow() >= giveUpAt)
            {
                throw new TimeoutException();
            }

            await Task.Delay(PollInterval, _time, cancellationToken);
        }
    }

    private async Task CopyLogAsync(V1Pod pod, Action<string> log, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await _api.ReadPodLogAsync(KubernetesObjects.Name(pod), KubernetesJobManifest.ContainerName, tailLines: null, follow: false, previous: false, timestamps: false, cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                log(line);
            }
        }
        catch (KubernetesApiException e)
        {
            // A pod that never started (image pull failure) has no log.
            log($"(no log from pod {KubernetesObjects.Name(pod)}: {e.Message})");
        }
    }

    private static V1ContainerStatus? ContainerStatus(V1Pod pod) =>
        pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == KubernetesJobManifest.ContainerName);

    private static int? ExitCode(V1Pod pod) => ContainerStatus(pod) is { } status
        ? status.State?.Terminated?.ExitCode ?? status.LastState?.Terminated?.ExitCode
        : null;

    private JobManifestSpec ManifestSpec(JobRunSpec spec) => new(
        spec.Job,
        spec.TeamOwner,
        spec.Pool,
        _api.Namespace,
        spec.Manual,
        Schedule: "",
        ConcurrencyPolicy: "Allow",
        spec.Image,
        spec.Command,
        spec.Env.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new JobManifestEnv(e.Key, e.Value, spec.PrivateEnv.Contains(e.Key))).ToList(),
        spec.Resources,
        (long)Math.Ceiling(spec.Deadline.TotalSeconds),
        spec.BackoffLimit);
}
