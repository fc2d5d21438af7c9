namespace Stratus.Orchestrations.Jobs;

/// <summary>What the queue should do next: run <see cref="JobId"/>, wait for an unlock, or wait for a new job.</summary>
public sealed record NextJob(int? JobId, bool WorkspaceLocked, bool WorkspaceGone);
