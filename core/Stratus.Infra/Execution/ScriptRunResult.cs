namespace Stratus.Infra.Execution;

/// <summary>
/// How a list of scripts went. On failure <see cref="Failed"/> is the command that failed (the ones after it did not
/// run) and <see cref="ExitCode"/> its exit code (-1 when it could not run at all).
/// </summary>
public sealed record ScriptRunResult(bool Succeeded, int Ran, ScriptCommand? Failed, int ExitCode)
{
    public static ScriptRunResult Success(int ran) => new(true, ran, null, 0);
}
