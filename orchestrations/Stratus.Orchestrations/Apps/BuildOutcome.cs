namespace Stratus.Orchestrations.Apps;

/// <param name="Version">The version built (or the one found built already when the activity re-runs after a crash).</param>
public sealed record BuildOutcome(bool Succeeded, bool Canceled, int? Version, string? Error);
