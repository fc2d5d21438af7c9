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

    /// <summary>Terrakube's name for the plan; the step script links it into the workspace folder for scripts that read it.</summary>
    public const string PlanFileName = "terraformLibrary.tfPlan";

    public string Plan => Path.Combine(Scratch, PlanFileName);

    /// <summary>The Groovy script that gives a template's Groovy command Terrakube's bindings.</summary>
    public string GroovyRunner => Path.Combine(Scratch, "groovy-runner.groovy");

    public string Command(string group, int index, string extension = "sh") => Path.Combine(Scratch, $"{group}-{index}.{extension}");
}
