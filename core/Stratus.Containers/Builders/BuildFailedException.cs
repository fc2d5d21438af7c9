namespace Stratus.Containers.Builders;

/// <summary>A build step failed. The message ends with the last lines of the build log, which usually say why.</summary>
public sealed class BuildFailedException : Exception
{
    public BuildFailedException(string step, int exitCode, IReadOnlyList<string> logTail)
        : base(FormattableString.Invariant($"{step} failed (exit code {exitCode}).") + (logTail.Count == 0 ? "" : "\nLast log lines:\n" + string.Join('\n', logTail)))
    {
        Step = step;
        ExitCode = exitCode;
        LogTail = logTail;
    }

    public string Step { get; }

    public int ExitCode { get; }

    public IReadOnlyList<string> LogTail { get; }
}
