namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// How a run ended: the last attempt's exit code (none when the container never ran to an exit, e.g. the image could
/// not be pulled or the deadline stopped it), how many attempts ran, and why it failed when that is not an exit code.
/// </summary>
public sealed record JobRunResult(int? ExitCode, int Attempts, string? Error)
{
    public bool Succeeded => ExitCode == 0 && Error is null;
}
