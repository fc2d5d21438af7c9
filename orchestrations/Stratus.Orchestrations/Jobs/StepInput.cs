namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// One step of a job; <see cref="Phase"/> <c>onReject</c> runs only the approval flow's onReject commands.
/// <see cref="Attempt"/> tells deliberate retries apart (each gets a sandbox of its own); a re-run of the same attempt
/// after a crash re-attaches to the sandbox the first run started.
/// </summary>
public sealed record StepInput(string Organization, string Workspace, int JobId, int Step, string? Phase = null, int Attempt = 0)
{
    public const string OnReject = "onReject";
}
