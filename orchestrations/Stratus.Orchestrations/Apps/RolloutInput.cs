namespace Stratus.Orchestrations.Apps;

/// <param name="Version">The version to run; null for the app's serving version.</param>
public sealed record RolloutInput(string App, string EventId, string Kind, int? Version);
