namespace Stratus.Infra.Execution;

/// <summary>git could not fetch the workspace source. The message carries git's own error output, with credentials masked.</summary>
public sealed class GitSourceException(string message, int exitCode) : Exception(message)
{
    /// <summary>git's exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
