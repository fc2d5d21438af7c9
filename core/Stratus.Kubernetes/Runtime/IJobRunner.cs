namespace Stratus.Kubernetes.Runtime;

/// <summary>Runs an app job's container to completion, streaming its output, within the run's deadline.</summary>
public interface IJobRunner
{
    /// <summary>The pool provisioner whose jobs this runner runs (<c>podman</c>, <c>kubernetes</c>).</summary>
    string Provisioner { get; }

    /// <summary>Runs <paramref name="spec"/>; every output line (and the runner's own notes) goes to <paramref name="log"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (not the deadline: that is a result).</exception>
    Task<JobRunResult> RunAsync(JobRunSpec spec, Action<string> log, CancellationToken cancellationToken);

    /// <summary>Stops the run's container if it is running (the <c>Replace</c> concurrency policy); nothing if it is not.</summary>
    Task StopAsync(string job, string runId, CancellationToken cancellationToken);
}
