namespace Stratus.Cli.Tests.Apps;

internal static class CliRuns
{
    /// <summary>The run, after checking it exited 0 (its output is in the failure message otherwise).</summary>
    public static async Task<CliResult> AssertOkAsync(Task<CliResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
