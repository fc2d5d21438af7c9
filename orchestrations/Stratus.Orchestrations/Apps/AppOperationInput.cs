namespace Stratus.Orchestrations.Apps;

/// <summary>One app operation (the orchestration instance id is the event id). The API took the app's lock for <paramref name="EventId"/> before starting it.</summary>
/// <param name="Version">The version to roll out for a rollback; null means "build one" (deploy) or "the serving one" (restart, units, env…).</param>
public sealed record AppOperationInput(string App, string EventId, string Kind, string Owner, string Origin, string? Message, DeploySource? Source, int? Version);
