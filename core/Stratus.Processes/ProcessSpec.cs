namespace Stratus.Processes;

/// <summary>
/// A process to run: the executable (a path, or a name looked up on PATH), its arguments (passed as a list, never
/// through a shell) and its working directory.
/// </summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    /// <summary>Variables set for the process, on top of the inherited or base environment; these win.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// False (the default) passes only <see cref="ProcessRunner.BaseVariables"/> (PATH, HOME, locale, proxies, CA paths)
    /// from the host: user code (local-exec, custom scripts) must not read the executor's own credentials from its
    /// environment. True passes the host's whole environment, for trusted tools such as git.
    /// </summary>
    public bool InheritEnvironment { get; init; }

    /// <summary>Applied to every line before it reaches the callback.</summary>
    public LogMasker Masker { get; init; } = LogMasker.None;

    /// <summary>
    /// On cancellation, null (the default) kills the process tree at once. A value first sends SIGINT (where the
    /// platform allows) and kills the tree only if the process has not exited by then: terraform, interrupted,
    /// stops its providers, writes the state it has and releases the state lock, which a kill would leave held.
    /// </summary>
    public TimeSpan? GracefulStopTimeout { get; init; }
}
