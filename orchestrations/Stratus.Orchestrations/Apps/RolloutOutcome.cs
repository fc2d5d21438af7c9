namespace Stratus.Orchestrations.Apps;

/// <param name="Version">The version now serving (null when the app has none, e.g. an env change before the first deploy).</param>
public sealed record RolloutOutcome(bool Succeeded, int? Version, string? Error);
