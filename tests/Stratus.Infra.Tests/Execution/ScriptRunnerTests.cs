using Stratus.Infra.Execution;
using Stratus.Testing;
using Stratus.Processes;

namespace Stratus.Infra.Tests.Execution;

public sealed class ScriptRunnerTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [BashFact]
    public async Task RunAsync_Priorities_RunLowestFirstKeepingTiesInOrder()
    {
        var log = new LogLines();

        var result = await Run(log, new ScriptCommand("echo third", 2), new ScriptCommand("echo first", 1), new ScriptCommand("echo second", 1));

        Assert.True(result.Succeeded);
        Assert.Equal(3, result.Ran);
        Assert.Equal(["first", "second", "third"], log.Lines.Where(l => !l.StartsWith("Running", StringComparison.Ordinal)));
    }

    [BashFact]
    public async Task RunAsync_AFailure_StopsTheRest()
    {
        var log = new LogLines();
        var failing = new ScriptCommand("echo before; exit 4; echo after", 2);

        var result = await Run(log, new ScriptCommand("echo one", 1), failing, new ScriptCommand("echo never", 3));

        Assert.False(result.Succeeded);
        Assert.Same(failing, result.Failed);
        Assert.Equal(4, result.ExitCode);
        Assert.Equal(2, result.Ran);
        Assert.Contains("before", log.Lines);
        Assert.DoesNotContain("after", log.Lines);
        Assert.DoesNotContain("never", log.Lines);
    }

    [BashTheory]
    [InlineData("false | true; echo survived")]
    [InlineData("echo \"$STRATUS_UNSET_VARIABLE\"; echo survived")]
    [InlineData("false; echo survived")]
    public async Task RunAsync_StrictBash_FailsOnPipeUnsetVariableAndError(string script)
    {
        var log = new LogLines();

        var result = await Run(log, new ScriptCommand(script));

        Assert.False(result.Succeeded);
        Assert.DoesNotContain("survived", log.Lines);
    }

    [BashFact]
    public async Task RunAsync_EnvironmentAndMasking_AppliedToEveryScript()
    {
        var log = new LogLines();
        var environment = new Dictionary<string, string> { ["DEPLOY_TOKEN"] = "tok-123456" };

        var result = await ScriptRunner.RunAsync([new ScriptCommand("echo \"token: $DEPLOY_TOKEN\"; pwd")], _directory.FullPath, environment, new LogMasker(["tok-123456"]), log.Add, TestTimeout.Token());

        Assert.True(result.Succeeded);
        Assert.Contains("token: ***", log.Lines);
        Assert.Contains(_directory.FullPath, log.Lines);
    }

    [Fact]
    public async Task RunAsync_GroovyRuntime_RefusedWithAMessage()
    {
        var log = new LogLines();

        var result = await Run(log, new ScriptCommand("println 'x'", 1, "GROOVY"));

        Assert.False(result.Succeeded);
        Assert.Equal(0, result.Ran);
        Assert.Contains(log.Lines, l => l.Contains("only BASH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_NoCommands_Succeeds() => Assert.True((await Run(new LogLines())).Succeeded);

    private Task<ScriptRunResult> Run(LogLines log, params ScriptCommand[] commands) =>
        ScriptRunner.RunAsync(commands, _directory.FullPath, NoEnvironment, LogMasker.None, log.Add, TestTimeout.Token());
}
