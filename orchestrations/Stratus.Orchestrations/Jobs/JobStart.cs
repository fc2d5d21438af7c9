namespace Stratus.Orchestrations.Jobs;

/// <summary>A job about to run: its steps, or why it won't (already cancelled, bad template).</summary>
public sealed record JobStart(bool Run, string? Status, string? Reason, IReadOnlyList<PlannedStep> Steps, TimeSpan ApprovalTimeout);
