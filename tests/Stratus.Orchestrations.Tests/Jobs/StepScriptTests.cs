using Stratus.Infra.Execution;
using Stratus.Infra.Templates;
using Stratus.Orchestrations.Jobs;
using Stratus.Processes;
using Stratus.Sandbox;
using Stratus.Testing;

namespace Stratus.Orchestrations.Tests.Jobs;

/// <summary>
/// The generated step script run by the host's bash (no sandbox, no terraform): customScripts flows exercise the
/// script environment Terrakube's users expect.
/// </summary>
public sealed class StepScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("stratus-step-script-").FullName;

    private string Module => Path.Combine(_root, "src");

    private StepFiles Files => new(Path.Combine(_root, "scratch"));

    [Fact]
    public async Task Write_FailingCommandInsideScript_RunsOnWithPlainBash()
    {
        var (result, log) = await RunAsync(Flow(Bash(100, "false\necho still-running\nfalse | true\necho pipe-ok")));

        Assert.Equal("ok", result);
        Assert.Contains("still-running", log);
        Assert.Contains("pipe-ok", log);
    }

    [Fact]
    public async Task Write_ScriptVariablesAndPlainNames_ReachTheScript()
    {
        var (result, log) = await RunAsync(
            Flow(Bash(100, "echo \"wd=$workingDirectory job=$jobId step=$stepId api=$terrakubeApi region=$region tfvar=$TF_VAR_region tools=$bashToolsDirectory\"")),
            [new ResolvedVariable("region", "eu-west-1", IsEnv: false, Hcl: false, Sensitive: false)]);

        Assert.Equal("ok", result);
        Assert.Contains($"wd={Module} job=7 step=100 api=http://127.0.0.1:1 region=eu-west-1 tfvar=eu-west-1 tools={Module}/.terrakube/tools", log);
    }

    [Fact]
    public async Task Write_TerrakubeTempEnv_ReachesLaterScripts()
    {
        var (result, log) = await RunAsync(Flow(
            Bash(100, "echo 'HANDED=over=there' >> \"$terrakubeEnv\""),
            Bash(200, "echo \"handed=$HANDED\"")));

        Assert.Equal("ok", result);
        Assert.Contains("handed=over=there", log);
    }

    [Fact]
    public async Task Write_FailingScript_StopsTheRestAndFails()
    {
        var (result, log) = await RunAsync(Flow(Bash(100, "exit 4"), Bash(200, "echo never-runs")));

        Assert.Equal("failed", result);
        Assert.Contains("Script 1 exited with code 4", log);
        Assert.DoesNotContain("never-runs", log);
    }

    [Fact]
    public async Task Write_GroovyWithoutGroovy_FailsSayingHowToInstall()
    {
        var (result, log) = await RunAsync(Flow(Groovy(100, "println 'x'")), groovy: null);

        Assert.Equal("failed", result);
        Assert.Contains("groovy is not installed", log);
        Assert.Contains("apt-get install groovy", log);
    }

    [GroovyFact]
    public async Task Write_GroovyCommand_RunsWithTerrakubeBindings()
    {
        var groovy = GroovyInstallation.Locate();

        var (result, log) = await RunAsync(
            Flow(Groovy(100, "println \"groovy-wd=$workingDirectory\"\nterrakubeOutput.write(\"via-output $region\".bytes)\n\"done\"")),
            [new ResolvedVariable("region", "eu-west-1", IsEnv: false, Hcl: false, Sensitive: false)],
            groovy);

        Assert.Equal("ok", result);
        Assert.Contains($"groovy-wd={Module}", log);
        Assert.Contains("via-output eu-west-1", log);
    }

    [Fact]
    public void Write_PlanFlow_LinksThePlanUnderTerrakubesName()
    {
        Directory.CreateDirectory(Module);
        Directory.CreateDirectory(Files.Scratch);

        StepScript.Write(Files, Module, new TclFlow(TclFlowType.TerraformPlan, 1, null, null, false, [], [], [], [], Empty, Empty), null, savedPlan: false);

        var script = File.ReadAllText(Files.Script);
        Assert.EndsWith("terraformLibrary.tfPlan", Files.Plan, StringComparison.Ordinal);
        Assert.Contains("ln -sf \"$S/terraformLibrary.tfPlan\" terraformLibrary.tfPlan", script, StringComparison.Ordinal);
        Assert.Contains("-out=" + Files.Plan, script, StringComparison.Ordinal);
        Assert.DoesNotContain("-euo pipefail", script, StringComparison.Ordinal);
    }

    [TerraformFact]
    public async Task Write_BeforeInitCommand_RunsBeforeTerraformInitAndCanWriteWhatInitReads()
    {
        var (result, log) = await RunAsync(new TclFlow(TclFlowType.TerraformPlan, 100, null, null, false,
        [
            new TclCommand(TclCommand.BashRuntime, 100, Before: false, After: false, "echo before-init-ran; echo 'output \"written\" { value = \"by-before-init\" }' > generated.tf", false, BeforeInit: true),
            new TclCommand(TclCommand.BashRuntime, 100, Before: true, After: false, "echo before-ran", false),
        ], [], [], [], Empty, Empty));

        Assert.True(result == "ok", log);
        var init = log.IndexOf("$ terraform init", StringComparison.Ordinal);
        Assert.InRange(log.IndexOf("before-init-ran", StringComparison.Ordinal), 0, init);
        Assert.True(log.IndexOf("before-ran", StringComparison.Ordinal) > log.IndexOf("successfully initialized", StringComparison.Ordinal), log);
        Assert.Contains("by-before-init", log, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly Dictionary<string, string> Empty = new(StringComparer.Ordinal);

    private static TclFlow Flow(params TclCommand[] commands) =>
        new(TclFlowType.CustomScripts, 100, null, null, false, commands, [], [], [], Empty, Empty);

    private static TclCommand Bash(int priority, string script) => new(TclCommand.BashRuntime, priority, false, false, script, false);

    private static TclCommand Groovy(int priority, string script) => new(TclCommand.GroovyRuntime, priority, false, false, script, false);

    private async Task<(string Result, string Log)> RunAsync(TclFlow flow, IReadOnlyList<ResolvedVariable>? variables = null, GroovyInstallation? groovy = null)
    {
        Directory.CreateDirectory(Module);
        Directory.CreateDirectory(Files.Scratch);
        variables ??= [];
        var environment = new Dictionary<string, string>(TerraformInputs.From(variables).Environment, StringComparer.Ordinal);
        ScriptVariables.Add(environment, new ScriptContext(Module, "acme", "network", "7", 100, "1.11.0", null, null, "http://127.0.0.1:1", "token"), variables);
        StepScript.WritePrivate(Files.Environment, string.Concat(environment.Select(e => $"{e.Key}={e.Value}\0")));
        StepScript.Write(Files, Module, flow, null, savedPlan: false, groovy);

        var lines = new List<string>();
        var exit = await ProcessRunner.RunAsync(new ProcessSpec("bash", [Files.Script], _root), line =>
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }, TestTimeout.Token(120));
        var result = File.Exists(Files.Result) ? File.ReadAllLines(Files.Result)[0] : $"no result (exit {exit})";
        return (result, string.Join('\n', lines));
    }
}
