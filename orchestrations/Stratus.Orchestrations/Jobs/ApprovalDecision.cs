namespace Stratus.Orchestrations.Jobs;

/// <summary>The <c>approval</c> event a job waiting for approval receives.</summary>
public sealed record ApprovalDecision(bool Approved, string By);
