using Stratus.Sandbox;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// The names one step attempt is known by, all derived from the step so a re-run after a crash finds the same ones: the
/// sandbox, its working directory, the executor token, the log and the start marker line in it.
/// </summary>
internal sealed class SandboxedStep(StepInput input, string workRoot, string driver)
{
    public StepInput Input => input;

    public bool OnReject => input.Phase == StepInput.OnReject;

    public string Name { get; } = SandboxNames.ForStep(input.Organization, input.Workspace, input.JobId, input.Step, input.Attempt, input.Phase);

    public string WorkingDirectory => Path.Combine(Path.GetFullPath(workRoot), Name);

    public StepFiles Files => new(Path.Combine(WorkingDirectory, "scratch"));

    /// <summary>The sandbox's name: unique per step attempt across workspaces, so revoking by name never touches another job's token.</summary>
    public string TokenName => Name;

    public string LogName => StepLog.NameFor(input.Organization, input.Workspace, input.JobId, input.Step);

    /// <summary>Written (and flushed) just before the start: everything after it in the log is the sandbox's output.</summary>
    public string StartMarker => $"Started sandbox {Name} ({driver}).";
}
