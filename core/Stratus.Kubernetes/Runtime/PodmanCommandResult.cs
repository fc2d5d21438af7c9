namespace Stratus.Kubernetes.Runtime;

/// <param name="Output">stdout and stderr merged, a line at a time.</param>
internal sealed record PodmanCommandResult(int ExitCode, IReadOnlyList<string> Output)
{
    public bool Succeeded => ExitCode == 0;

    public string Tail(int lines = 5) => string.Join(" | ", Output.TakeLast(lines));
}
