namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// A provisioner: Kubernetes (server-side apply against an API server) or podman (the same manifests under
/// <c>podman kube play</c>). Start, stop, scale and restart are deploys of a changed <see cref="WorkloadSpec"/>, so every
/// change goes through the same rollout watch and restore.
/// </summary>
public interface IAppRuntime
{
    /// <summary><c>kubernetes</c> or <c>podman</c>, as pools name it.</summary>
    string Name { get; }

    /// <summary>
    /// Rolls out <paramref name="spec"/>: applies it, waits until every unit is ready or a timeout passes, and on failure
    /// restores the previous spec (the previous version keeps serving) and reports the crashed units' last log lines.
    /// On success removes processes the spec no longer has. Idempotent: re-running the same spec converges.
    /// </summary>
    Task<RolloutResult> DeployAsync(WorkloadSpec spec, Action<string> log, CancellationToken cancellationToken);

    Task<IReadOnlyList<UnitInfo>> GetUnitsAsync(string app, CancellationToken cancellationToken);

    /// <summary>Removes everything the app owns in the runtime; removing what is gone already is fine.</summary>
    Task RemoveAppAsync(string app, CancellationToken cancellationToken);

    /// <summary>The last <paramref name="tail"/> lines of the app's units, then (when following) new lines as they come.</summary>
    IAsyncEnumerable<UnitLogLine> ReadLogsAsync(string app, string? process, int tail, bool follow, CancellationToken cancellationToken);
}
