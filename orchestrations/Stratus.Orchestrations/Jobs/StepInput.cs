namespace Stratus.Orchestrations.Jobs;

/// <summary>One step of a job; <see cref="Phase"/> <c>onReject</c> runs only the approval flow's onReject commands.</summary>
public sealed record StepInput(string Organization, string Workspace, int JobId, int Step, string? Phase = null)
{
    public const string OnReject = "onReject";
}
