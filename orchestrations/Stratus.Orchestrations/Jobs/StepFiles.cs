namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// Where a step's sandbox and the control plane meet, in the working directory's scratch folder: what Stratus writes
/// before the start (the script, the environment, a saved plan) and what the step writes for Stratus to collect after
/// its exit (the result, the plan's exit code, the outputs, a new plan). A re-run after a crash finds them at the same paths.
/// </summary>
internal sealed record StepFiles(string Scratch)
{
    public string Script => Path.Combine(Scratch, "step.sh");

    /// <summary>The step's environment, NUL-separated <c>NAME=value</c> entries (values may hold line breaks); mode 0600.</summary>
    public string Environment => Path.Combine(Scratch, "step.env");

    /// <summary>Two lines: <c>ok</c> or <c>failed</c>, then the reason.</summary>
    public string Result => Path.Combine(Scratch, "result");

    public string PlanExitCode => Path.Combine(Scratch, "plan-exit-code");

    public string Outputs => Path.Combine(Scratch, "outputs.json");

    public string Plan => Path.Combine(Scratch, "stratus.tfplan");

    public string Command(string group, int index) => Path.Combine(Scratch, $"{group}-{index}.sh");
}
