namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// How an executor step ended: <see cref="StepOutcome"/> values, and a reason for anything but success.
/// </summary>
public sealed record StepResult(string Outcome, string? Reason);
