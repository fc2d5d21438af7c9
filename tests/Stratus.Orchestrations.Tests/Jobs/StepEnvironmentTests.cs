using Stratus.Infra.Execution;
using Stratus.Infra.Templates;
using Stratus.Infra.Variables;
using Stratus.Orchestrations.Jobs;
using Stratus.Processes;
using Stratus.Sandbox;
using Stratus.Testing;
using ResolvedVariable = Stratus.Infra.Execution.ResolvedVariable;

namespace Stratus.Orchestrations.Tests.Jobs;

/// <summary>What a step's scripts get: Terrakube's variables, the globals a template maps, imported commands, Groovy's mounts.</summary>
public sealed class StepEnvironmentTests
{
    private static readonly Dictionary<string, string> Empty = new(StringComparer.Ordinal);

    private static readonly ScriptContext Context = new("/w/src", "acme", "network", "7", 100, "1.11.0", "https://git.example/r.git", "main", "http://api", "secret-token");

    [Fact]
    public void Add_EveryTerrakubeName_IsSet()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);

        ScriptVariables.Add(environment, Context, []);

        Assert.All(ScriptVariables.Names, name => Assert.True(environment.ContainsKey(name), name));
        Assert.Equal("/w/src/.terrakube_temp_env", environment["terrakubeEnv"]);
        Assert.Equal("secret-token", environment["terrakubeToken"]);
        Assert.Equal("main", environment["branch"]);
    }

    [Fact]
    public void Add_TerraformVariables_GetPlainNamesThatNeverReplaceOthers()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = "/bin", ["TF_VAR_size"] = "3" };

        ScriptVariables.Add(environment, Context, [
            Variable("size", "3"), Variable("PATH", "evil"), Variable("jobId", "evil"), Variable("with-dash", "x"), Variable("ENV_ONLY", "e", isEnv: true),
        ]);

        Assert.Equal("3", environment["size"]);
        Assert.Equal("/bin", environment["PATH"]);
        Assert.Equal("7", environment["jobId"]);
        Assert.False(environment.ContainsKey("with-dash"));
        Assert.False(environment.ContainsKey("ENV_ONLY"));
    }

    [Fact]
    public void Apply_InputsEnv_LoadsOnlyMappedGlobalsOfThatCategory()
    {
        var log = new List<string>();
        var flow = Flow(inputsEnv: new() { ["MAPPED"] = "$G1" });

        var result = TemplateInputs.Apply([
            Variable("G1", "one", isEnv: true, owner: VariableOwnerKind.Organization),
            Variable("G2", "two", isEnv: true, owner: VariableOwnerKind.Organization),
            Variable("C1", "c", isEnv: true, owner: VariableOwnerKind.Collection),
            Variable("OWN", "w", isEnv: true),
            Variable("tfglobal", "t", owner: VariableOwnerKind.Organization),
        ], flow, log.Add);

        Assert.Equal(["OWN", "tfglobal", "MAPPED"], result.Select(v => v.Key));
        Assert.Equal("one", result.Single(v => v.Key == "MAPPED").Value);
    }

    [Fact]
    public void Apply_ImportAndFlowMapTheSameName_WorkspaceThenImportWin()
    {
        var log = new List<string>();
        var import = new TclImportCommands("file:///r", "main", "/", new Dictionary<string, string> { ["A"] = "$FROM_IMPORT", ["OWN"] = "$FROM_IMPORT" }, Empty);
        var flow = Flow(inputsEnv: new() { ["A"] = "$FROM_FLOW", ["MISSING"] = "$NOPE" }) with { ImportCommands = import };

        var result = TemplateInputs.Apply([
            Variable("FROM_IMPORT", "import", isEnv: true, owner: VariableOwnerKind.Organization),
            Variable("FROM_FLOW", "flow", isEnv: true, owner: VariableOwnerKind.Organization),
            Variable("OWN", "workspace", isEnv: true),
        ], flow, log.Add);

        Assert.Equal("import", result.Single(v => v.Key == "A").Value);
        Assert.Equal("workspace", result.Single(v => v.Key == "OWN").Value);
        Assert.DoesNotContain(result, v => v.Key == "MISSING");
        Assert.Contains(log, line => line.Contains("'MISSING'", StringComparison.Ordinal) && line.Contains("no ENV global 'NOPE'", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_NoMappings_KeepsEveryVariable()
    {
        IReadOnlyList<ResolvedVariable> resolved = [Variable("G", "g", isEnv: true, owner: VariableOwnerKind.Organization)];

        Assert.Equal(resolved, TemplateInputs.Apply(resolved, Flow(), _ => { }));
    }

    [Fact]
    public void Parse_CommandsFile_ReturnsItsCommandsInPriorityOrder()
    {
        var commands = ImportedCommands.Parse(TclFlowType.TerraformPlan, "commands:\n- runtime: BASH\n  priority: 200\n  after: true\n  script: echo two\n- runtime: BASH\n  priority: 100\n  before: true\n  script: echo one\n", "repo");

        Assert.Equal(["echo one", "echo two"], commands.Select(c => c.Script));
        Assert.True(commands[0].Before);
    }

    [Theory]
    [InlineData("flow: []", "must be a mapping with a 'commands' list")]
    [InlineData("commands:\n- runtime: BASH\n  script: echo\n  colour: red\n", "colour")]
    [InlineData("commands: [", "not valid YAML")]
    public void Parse_InvalidCommandsFile_SaysWhatIsWrong(string yaml, string expected)
    {
        var problem = Assert.Throws<InvalidOperationException>(() => ImportedCommands.Parse(TclFlowType.CustomScripts, yaml, "repo"));

        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_LocalRepository_ReplacesTheFlowsCommands()
    {
        var root = Directory.CreateTempSubdirectory("stratus-import-").FullName;
        try
        {
            var repository = await CreateRepositoryAsync(root, "templates/demo", "commands:\n- runtime: BASH\n  priority: 100\n  script: echo imported\n");
            var flow = Flow() with { ImportCommands = new TclImportCommands("file://" + repository, "main", "templates/demo,other", Empty, Empty) };
            var scratch = Directory.CreateDirectory(Path.Combine(root, "scratch")).FullName;

            var imported = await ImportedCommands.ApplyAsync(flow, scratch, allowFileUrls: true, _ => { }, TestTimeout.Token(60));
            var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => ImportedCommands.ApplyAsync(flow with { ImportCommands = flow.ImportCommands! with { Folder = "nowhere" } }, scratch, true, _ => { }, TestTimeout.Token(60)));
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ImportedCommands.ApplyAsync(flow, scratch, allowFileUrls: false, _ => { }, TestTimeout.Token(60)));
            var badBranch = await Assert.ThrowsAsync<InvalidOperationException>(() => ImportedCommands.ApplyAsync(flow with { ImportCommands = flow.ImportCommands! with { Branch = "gone" } }, scratch, true, _ => { }, TestTimeout.Token(60)));

            Assert.Equal("echo imported", Assert.Single(imported.Commands).Script);
            Assert.Contains("no commands.yaml in folder 'nowhere'", missing.Message, StringComparison.Ordinal);
            Assert.Contains("AllowFileGitSources", refused.Message, StringComparison.Ordinal);
            Assert.Contains("failed", badBranch.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(scratch, "import")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [GroovyFact]
    public void Locate_HostGroovy_MountsWhatTheJvmNeedsButNotBroadFolders()
    {
        var groovy = GroovyInstallation.Locate()!;

        Assert.Contains(groovy.GroovyHome, groovy.ReadOnlyMounts.Keys);
        Assert.Contains(groovy.JavaHome, groovy.ReadOnlyMounts.Keys);
        Assert.True(File.Exists(Path.Combine(groovy.GroovyHome, "bin", "groovy")));
        Assert.DoesNotContain(groovy.ReadOnlyMounts.Values, path => path is "/" or "/etc" or "/usr" or "/root" or "/home");
        Assert.All(groovy.ReadOnlyMounts.Values, path => Assert.True(File.Exists(path) || Directory.Exists(path), path));
    }

    /// <summary>A git repository with one commit on branch main holding <paramref name="content"/> as folder/commands.yaml.</summary>
    internal static async Task<string> CreateRepositoryAsync(string root, string folder, string content)
    {
        var repository = Directory.CreateDirectory(Path.Combine(root, "repo")).FullName;
        Directory.CreateDirectory(Path.Combine(repository, folder));
        await File.WriteAllTextAsync(Path.Combine(repository, folder, "commands.yaml"), content);
        string[][] steps = [["init", "-q", "-b", "main"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "commands"]];
        foreach (var arguments in steps)
        {
            Assert.Equal(0, await ProcessRunner.RunAsync(new ProcessSpec("git", arguments, repository), _ => { }, TestTimeout.Token(30)));
        }

        return repository;
    }

    private static TclFlow Flow(Dictionary<string, string>? inputsEnv = null) =>
        new(TclFlowType.CustomScripts, 100, null, null, false, [new TclCommand(TclCommand.BashRuntime, 100, false, false, "true", false)], [], [], [], inputsEnv ?? Empty, Empty);

    private static ResolvedVariable Variable(string key, string value, bool isEnv = false, VariableOwnerKind owner = VariableOwnerKind.Workspace) =>
        new(key, value, isEnv, Hcl: false, Sensitive: false, owner);
}
