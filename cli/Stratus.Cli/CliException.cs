namespace Stratus.Cli;

/// <summary>A mistake the user can fix (missing sign-in, bad input, unreadable config); shown in red, exit code 1.</summary>
internal sealed class CliException(string message, string? detail = null) : Exception(message)
{
    public string? Detail { get; } = detail;
}
