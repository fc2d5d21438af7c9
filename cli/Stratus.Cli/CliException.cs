namespace Stratus.Cli;

/// <summary>
/// A failure the user can act on (missing sign-in, bad input, unreadable config, a busy app); shown in red with its
/// detail and, when there is one, a hint of what to do next. Exit code 1 unless a subclass says otherwise.
/// </summary>
internal class CliException(string message, string? detail = null, int exitCode = 1) : Exception(message)
{
    public string? Detail { get; } = detail;

    public int ExitCode { get; } = exitCode;

    public virtual string? Hint => null;
}
