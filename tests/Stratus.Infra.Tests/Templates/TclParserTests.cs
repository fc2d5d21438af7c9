using Stratus.Infra.Templates;

namespace Stratus.Infra.Tests.Templates;

public sealed class TclParserTests
{
    // The example in Terrakube's documentation (and ../shared/reference/terrakube.md), verbatim.
    private const string ReferenceExample = """
        flow:
        - type: "terraformPlan"
          name: "Terraform Plan from Terraform CLI"
          step: 100
        - type: "approval"
          name: "Approve Plan from Terraform CLI"
          step: 150
          team: "TERRAFORM_CLI"
        - type: "terraformApply"
          name: "Terraform Apply from Terraform CLI"
          step: 200
        """;

    private static string Yaml(params string[] lines) => string.Join('\n', lines) + "\n";

    private static TclTemplate Valid(string yaml, Func<string, string?>? scheduleProblem = null)
    {
        var result = TclParser.Parse(yaml, scheduleProblem);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        Assert.Empty(result.Problems);
        return result.Template!;
    }

    private static TclProblem Single(string yaml, Func<string, string?>? scheduleProblem = null)
    {
        var result = TclParser.Parse(yaml, scheduleProblem);
        Assert.Null(result.Template);
        return Assert.Single(result.Problems);
    }

    private static void AssertAt(TclProblem problem, int line, string field)
    {
        Assert.Equal(line, problem.Line);
        Assert.Equal(field, problem.Field);
    }

    [Fact]
    public void Parse_ReferenceExample_ReturnsEveryFlow()
    {
        var template = Valid(ReferenceExample);

        Assert.Collection(
            template.Flows,
            plan =>
            {
                Assert.Equal(TclFlowType.TerraformPlan, plan.Type);
                Assert.Equal(100, plan.Step);
                Assert.Equal("Terraform Plan from Terraform CLI", plan.Name);
                Assert.Null(plan.Team);
                Assert.False(plan.IgnoreError);
                Assert.Empty(plan.Commands);
            },
            approval =>
            {
                Assert.Equal(TclFlowType.Approval, approval.Type);
                Assert.Equal(150, approval.Step);
                Assert.Equal("TERRAFORM_CLI", approval.Team);
            },
            apply =>
            {
                Assert.Equal(TclFlowType.TerraformApply, apply.Type);
                Assert.Equal(200, apply.Step);
            });
    }

    [Fact]
    public void Parse_FullFlow_ReadsEveryField()
    {
        var template = Valid(Yaml(
            "flow:",
            "  - type: terraformPlan",
            "    name: Plan with extras",
            "    step: 100",
            "    ignoreError: true",
            "    inputsEnv:",
            "      AWS_REGION: $ORG_REGION",
            "    inputsTerraform:",
            "      instance-type: $DEFAULT_SIZE",
            "    commands:",
            "      - runtime: BASH",
            "        priority: 50",
            "        before: true",
            "        verbose: true",
            "        script: |",
            "          echo hello",
            "          terraform fmt -check",
            "      - runtime: \"BASH\"",
            "        after: true",
            "        script: echo done",
            "    onFailure:",
            "      - runtime: BASH",
            "        script: echo failed",
            "  - type: scheduleTemplates",
            "    step: 300",
            "    templates:",
            "      - name: Plan",
            "        schedule: 0 0 3 ? * MON-FRI"));

        var plan = template.Flows[0];
        Assert.True(plan.IgnoreError);
        Assert.Equal("$ORG_REGION", plan.InputsEnv["AWS_REGION"]);
        Assert.Equal("$DEFAULT_SIZE", plan.InputsTerraform["instance-type"]);
        Assert.Equal(
            [
                new TclCommand("BASH", 50, true, false, "echo hello\nterraform fmt -check\n", true),
                new TclCommand("BASH", TclCommand.DefaultPriority, false, true, "echo done", false),
            ],
            plan.Commands);
        Assert.Equal("echo failed", Assert.Single(plan.OnFailure).Script);
        Assert.Equal(new TclScheduleTemplate("Plan", "0 0 3 ? * MON-FRI"), Assert.Single(template.Flows[1].Templates));
    }

    [Fact]
    public void Parse_FlowsWrittenOutOfOrder_ReturnsThemByStep()
    {
        var template = Valid(Yaml(
            "flow:",
            "  - type: terraformApply",
            "    step: 200",
            "  - type: approval",
            "    step: 150",
            "    team: ops",
            "  - type: terraformPlan",
            "    step: 100"));

        Assert.Equal([100, 150, 200], template.Flows.Select(f => f.Step));
    }

    [Fact]
    public void Parse_Commands_AreOrderedByPriorityThenDocumentOrder()
    {
        var template = Valid(Yaml(
            "flow:",
            "  - type: customScripts",
            "    step: 1",
            "    commands:",
            "      - { runtime: BASH, priority: 300, script: third }",
            "      - { runtime: BASH, script: second-a }",
            "      - { runtime: BASH, priority: -5, script: first }",
            "      - { runtime: BASH, priority: 100, script: second-b }"));

        Assert.Equal(["first", "second-a", "second-b", "third"], template.Flows[0].Commands.Select(c => c.Script));
    }

    [Fact]
    public void Parse_CustomScriptsCommandWithoutBeforeOrAfter_IsValid()
    {
        var template = Valid(Yaml(
            "flow:",
            "  - type: customScripts",
            "    step: 1",
            "    commands:",
            "      - runtime: BASH",
            "        script: ./check.sh"));

        Assert.Equal("./check.sh", Assert.Single(template.Flows[0].Commands).Script);
    }

    [Fact]
    public void Parse_TerraformCommandNeitherBeforeNorAfter_ReportsTheCommand()
    {
        var problem = Single(Yaml(
            "flow:",
            "  - type: terraformApply",
            "    step: 1",
            "    commands:",
            "      - runtime: BASH",
            "        before: false",
            "        script: echo never"));

        AssertAt(problem, 5, "flow[0].commands[0]");
        Assert.Contains("before: true", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OnFailureCommandWithoutBeforeOrAfter_IsValid() =>
        Valid(Yaml(
            "flow:",
            "  - type: terraformPlan",
            "    step: 1",
            "    onFailure:",
            "      - runtime: BASH",
            "        script: echo failed"));

    [Fact]
    public void Parse_UnknownFlowType_ListsValidTypes()
    {
        var problem = Single(Yaml(
            "flow:",
            "  - type: terraformRefresh",
            "    step: 1"));

        AssertAt(problem, 2, "flow[0].type");
        Assert.Equal(11, problem.Column);
        foreach (var type in TclFlowType.All)
        {
            Assert.Contains(type, problem.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("terraformplan", "terraformPlan")]
    [InlineData("aproval", "approval")]
    [InlineData("terraformAplpy", "terraformApply")]
    public void Parse_MisspelledFlowType_SuggestsTheClosest(string written, string suggested)
    {
        var problem = Single(Yaml("flow:", $"  - type: {written}", "    step: 1", "    team: ops"));

        Assert.Contains($"did you mean '{suggested}'", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-100")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    [InlineData("[100]")]
    public void Parse_InvalidStep_ReportsPositiveWholeNumber(string step)
    {
        var problem = Single(Yaml("flow:", "  - type: terraformPlan", $"    step: {step}"));

        Assert.Equal("line 3, column 11, flow[0].step: must be a positive whole number", problem.ToString());
    }

    [Fact]
    public void Parse_QuotedStep_IsAccepted() =>
        Assert.Equal(100, Valid(Yaml("flow:", "  - type: terraformPlan", "    step: \"100\"")).Flows[0].Step);

    [Fact]
    public void Parse_MissingTypeAndStep_ReportsBothAtTheFlow()
    {
        var problems = TclParser.Parse(Yaml("flow:", "  - name: nothing else")).Problems;

        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal(2, p.Line));
        Assert.Equal(["flow[0].step", "flow[0].type"], problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_DuplicateStep_ReportsTheSecondFlow()
    {
        var problem = Single(Yaml(
            "flow:",
            "  - type: terraformPlan",
            "    step: 100",
            "  - type: terraformApply",
            "    step: 100"));

        AssertAt(problem, 5, "flow[1].step");
        Assert.Contains("flow[0]", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ApprovalWithoutTeam_ReportsTeam()
    {
        var problem = Single(Yaml("flow:", "  - type: approval", "    step: 150"));

        AssertAt(problem, 2, "flow[0].team");
    }

    [Fact]
    public void Parse_ApprovalWithTeamLeftBlank_ReportsTheTeamLine()
    {
        var problem = Single(Yaml("flow:", "  - type: approval", "    step: 150", "    team:"));

        AssertAt(problem, 4, "flow[0].team");
    }

    [Fact]
    public void Parse_ApprovalWithEmptyTeam_ReportsTeam()
    {
        var problem = Single(Yaml("flow:", "  - type: approval", "    step: 150", "    team: \"  \""));

        AssertAt(problem, 4, "flow[0].team");
    }

    [Fact]
    public void Parse_TeamOnPlanFlow_ReportsItDoesNotApply()
    {
        var problem = Single(Yaml("flow:", "  - type: terraformPlan", "    step: 1", "    team: ops"));

        AssertAt(problem, 4, "flow[0].team");
        Assert.Contains("approval", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OnRejectOnApproval_IsRead()
    {
        var template = Valid(Yaml(
            "flow:",
            "  - type: approval",
            "    step: 1",
            "    team: ops",
            "    onReject:",
            "      - runtime: BASH",
            "        script: echo rejected"));

        Assert.Equal("echo rejected", Assert.Single(template.Flows[0].OnReject).Script);
    }

    [Fact]
    public void Parse_OnRejectOutsideApproval_ReportsOnReject()
    {
        var problem = Single(Yaml(
            "flow:",
            "  - type: terraformPlan",
            "    step: 1",
            "    onReject:",
            "      - runtime: BASH",
            "        script: echo rejected"));

        AssertAt(problem, 4, "flow[0].onReject");
        Assert.Contains("only applies to approval flows", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CommandsOnApproval_ReportsTheyNeverRun()
    {
        var problem = Single(Yaml(
            "flow:",
            "  - type: approval",
            "    step: 1",
            "    team: ops",
            "    commands:",
            "      - { runtime: BASH, before: true, script: echo }"));

        AssertAt(problem, 5, "flow[0].commands");
    }

    [Fact]
    public void Parse_GroovyRuntime_IsAccepted()
    {
        var template = Valid(Yaml(
            "flow:",
            "  - type: customScripts",
            "    step: 1",
            "    commands:",
            "      - runtime: GROOVY",
            "        script: println 'hi'"));

        Assert.Equal(TclCommand.GroovyRuntime, Assert.Single(template.Flows[0].Commands).Runtime);
    }

    [Fact]
    public void Parse_LowerCaseGroovy_SuggestsGroovy()
    {
        var problem = Single(Yaml("flow:", "  - type: customScripts", "    step: 1", "    commands:", "      - { runtime: groovy, script: x }"));

        AssertAt(problem, 5, "flow[0].commands[0].runtime");
        Assert.Contains("did you mean 'GROOVY'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LowerCaseRuntime_SuggestsBash()
    {
        var problem = Single(Yaml("flow:", "  - type: customScripts", "    step: 1", "    commands:", "      - { runtime: bash, script: ls }"));

        Assert.Contains("did you mean 'BASH'", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("      - runtime: BASH", 5, "flow[0].commands[0].script")]
    [InlineData("      - { runtime: BASH, script: \"\" }", 5, "flow[0].commands[0].script")]
    [InlineData("      - { script: ls }", 5, "flow[0].commands[0].runtime")]
    [InlineData("      - { runtime: BASH, script: ls, priority: high }", 5, "flow[0].commands[0].priority")]
    [InlineData("      - { runtime: BASH, script: ls, verbose: maybe }", 5, "flow[0].commands[0].verbose")]
    [InlineData("      - { runtime: BASH, script: [ls] }", 5, "flow[0].commands[0].script")]
    [InlineData("      - ls -la", 5, "flow[0].commands[0]")]
    public void Parse_InvalidCommand_ReportsTheField(string commandLine, int line, string field)
    {
        var problem = Single(Yaml("flow:", "  - type: customScripts", "    step: 1", "    commands:", commandLine));

        AssertAt(problem, line, field);
    }

    [Fact]
    public void Parse_CustomScriptsWithoutCommands_ReportsCommands()
    {
        var problem = Single(Yaml("flow:", "  - type: customScripts", "    step: 1"));

        AssertAt(problem, 2, "flow[0].commands");
    }

    [Fact]
    public void Parse_BeforeInitAlone_PlacesTheCommandBeforeInitOnly()
    {
        var template = Valid(Yaml(
            "flow:",
            "  - type: terraformPlan",
            "    step: 1",
            "    commands:",
            "      - runtime: BASH",
            "        beforeInit: true",
            "        script: ls"));

        var command = Assert.Single(template.Flows[0].Commands);
        Assert.True(command.BeforeInit);
        Assert.False(command.Before);
        Assert.False(command.After);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("On", true)]
    [InlineData("TRUE", true)]
    [InlineData("no", false)]
    [InlineData("OFF", false)]
    public void Parse_YamlOneOneBoolean_ReadsAsSnakeYamlDoes(string written, bool expected)
    {
        var template = Valid(Yaml("flow:", "  - type: terraformPlan", "    step: 1", $"    ignoreError: {written}"));

        Assert.Equal(expected, template.Flows[0].IgnoreError);
    }

    [Fact]
    public void Parse_ScheduleTemplatesWithoutTemplates_ReportsTemplates()
    {
        var problem = Single(Yaml("flow:", "  - type: scheduleTemplates", "    step: 1"));

        AssertAt(problem, 2, "flow[0].templates");
    }

    [Fact]
    public void Parse_ScheduleTemplateWithoutSchedule_ReportsSchedule()
    {
        var problem = Single(Yaml(
            "flow:",
            "  - type: scheduleTemplates",
            "    step: 1",
            "    templates:",
            "      - name: Plan"));

        AssertAt(problem, 5, "flow[0].templates[0].schedule");
    }

    [Fact]
    public void Parse_ScheduleCheckerRefuses_ReportsItsMessageAtTheSchedule()
    {
        string? Checker(string cron) => cron == "every day" ? "is not a Quartz cron expression" : null;

        var result = TclParser.Parse(
            Yaml(
                "flow:",
                "  - type: scheduleTemplates",
                "    step: 1",
                "    templates:",
                "      - name: Plan",
                "        schedule: 0 0 3 ? * *",
                "      - name: Destroy",
                "        schedule: every day"),
            Checker);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("line 8, column 19, flow[0].templates[1].schedule: is not a Quartz cron expression", problem.ToString());
    }

    [Fact]
    public void Parse_NoScheduleChecker_AcceptsAnySchedule() =>
        Valid(Yaml("flow:", "  - type: scheduleTemplates", "    step: 1", "    templates:", "      - { name: Plan, schedule: whenever }"));

    [Theory]
    [InlineData("      AWS_REGION: eu-west-1", "flow[0].inputsEnv.AWS_REGION")]
    [InlineData("      AWS_REGION: $1ABC", "flow[0].inputsEnv.AWS_REGION")]
    [InlineData("      AWS_REGION: \"$ORG REGION\"", "flow[0].inputsEnv.AWS_REGION")]
    [InlineData("      AWS-REGION: $ORG_REGION", "flow[0].inputsEnv.AWS-REGION")]
    public void Parse_InvalidInputsEnv_ReportsTheEntry(string entry, string field)
    {
        var problem = Single(Yaml("flow:", "  - type: terraformPlan", "    step: 1", "    inputsEnv:", entry));

        AssertAt(problem, 5, field);
    }

    [Fact]
    public void Parse_InputsTerraformNotAMapping_Reports()
    {
        var problem = Single(Yaml("flow:", "  - type: terraformPlan", "    step: 1", "    inputsTerraform: [$A]"));

        AssertAt(problem, 4, "flow[0].inputsTerraform");
    }

    [Fact]
    public void Parse_IgnoreErrorNotBoolean_Reports()
    {
        var problem = Single(Yaml("flow:", "  - type: terraformPlan", "    step: 1", "    ignoreError: sometimes"));

        Assert.Equal("line 4, column 18, flow[0].ignoreError: must be true or false", problem.ToString());
    }

    [Fact]
    public void Parse_UnknownTopLevelKey_NamesItAndTheValidOnes()
    {
        var problem = Single(Yaml("flow:", "  - type: terraformPlan", "    step: 1", "version: 2"));

        AssertAt(problem, 4, "version");
        Assert.Contains("'version'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("flow", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownFlowField_SuggestsTheValidOnes()
    {
        var problem = Single(Yaml("flow:", "  - type: terraformPlan", "    step: 1", "    ignoreErrors: true"));

        AssertAt(problem, 4, "flow[0].ignoreErrors");
        Assert.Contains("did you mean 'ignoreError'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("inputsTerraform", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("importComands")]
    [InlineData("importCommands")]
    public void Parse_ImportCommandsEitherSpelling_FillsImportCommands(string key)
    {
        var template = Valid(Yaml(
            "flow:",
            "  - type: customScripts",
            "    step: 1",
            $"    {key}:",
            "      repository: https://example.com/scripts.git",
            "      branch: main",
            "      folder: \"templates/tag, templates/other\"",
            "      vcsId: 8a2f",
            "      inputsEnv: { TOKEN: $API_TOKEN }"));

        var imports = template.Flows[0].ImportCommands;
        Assert.NotNull(imports);
        Assert.Equal("https://example.com/scripts.git", imports.Repository);
        Assert.Equal("main", imports.Branch);
        Assert.Equal("templates/tag", imports.Folder);
        Assert.Equal("8a2f", imports.VcsId);
        Assert.Equal("$API_TOKEN", imports.InputsEnv["TOKEN"]);
        Assert.Empty(imports.InputsTerraform);
    }

    [Fact]
    public void Parse_ImportCommandsWithoutRepository_NamesTheField()
    {
        var problem = Single(Yaml(
            "flow:",
            "  - type: terraformPlan",
            "    step: 1",
            "    importComands:",
            "      branch: main",
            "      folder: scripts"));

        AssertAt(problem, 5, "flow[0].importComands.repository");
    }

    [Fact]
    public void Parse_ImportCommandsUnknownField_NamesIt()
    {
        var problem = Single(Yaml(
            "flow:",
            "  - type: terraformPlan",
            "    step: 1",
            "    importComands: { repository: r, branch: main, folder: f, path: x }"));

        Assert.Equal("flow[0].importComands.path", problem.Field);
        Assert.Contains("folder", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BothImportSpellings_ReportsTheSecond()
    {
        var problem = Single(Yaml(
            "flow:",
            "  - type: terraformPlan",
            "    step: 1",
            "    importComands: { repository: r, branch: main, folder: f }",
            "    importCommands: { repository: r, branch: main, folder: f }"));

        AssertAt(problem, 5, "flow[0].importCommands");
    }

    [Fact]
    public void Parse_ImportCommandsOnApproval_ReportsNotApplicable()
    {
        var problem = Single(Yaml(
            "flow:",
            "  - type: approval",
            "    step: 1",
            "    team: ops",
            "    importComands: { repository: r, branch: main, folder: f }"));

        AssertAt(problem, 5, "flow[0].importComands");
    }

    [Theory]
    [InlineData("terraformApply", "true", true)]
    [InlineData("terraformPlan", "false", false)]
    public void Parse_RequireSavedPlan_IsRead(string type, string written, bool expected)
    {
        var template = Valid(Yaml("flow:", $"  - type: {type}", "    step: 1", $"    requireSavedPlan: {written}"));

        Assert.Equal(expected, template.Flows[0].RequireSavedPlan);
    }

    [Fact]
    public void Parse_RequireSavedPlanOnCustomScripts_ReportsNotApplicable()
    {
        var problem = Single(Yaml(
            "flow:",
            "  - type: customScripts",
            "    step: 1",
            "    requireSavedPlan: true",
            "    commands: [{ runtime: BASH, script: ls }]"));

        AssertAt(problem, 4, "flow[0].requireSavedPlan");
    }

    [Fact]
    public void Parse_ErrorField_SaysTerrakubeSetsIt()
    {
        var problem = Single(Yaml("flow:", "  - type: terraformPlan", "    step: 1", "    error: oops"));

        AssertAt(problem, 4, "flow[0].error");
        Assert.Contains("Terrakube itself", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("other: 1\n", 1, "flow")]
    [InlineData("flow: []\n", 1, "flow")]
    [InlineData("flow: terraformPlan\n", 1, "flow")]
    [InlineData("flow:\n  - terraformPlan\n", 2, "flow[0]")]
    [InlineData("- flow\n", 1, "")]
    public void Parse_WrongShape_ReportsWhere(string yaml, int line, string field)
    {
        var problems = TclParser.Parse(yaml).Problems;

        Assert.Contains(problems, p => p.Line == line && p.Field == field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("~\n")]
    public void Parse_EmptyDocument_ReportsEmpty(string yaml) =>
        Assert.Contains("empty", Single(yaml).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_SeveralMistakes_CollectsThemAllInLineOrder()
    {
        var result = TclParser.Parse(Yaml(
            "flow:",
            "  - type: terraformPlann",
            "    step: 0",
            "  - type: approval",
            "    step: 150",
            "    colour: blue",
            "  - type: customScripts",
            "    step: 150",
            "    commands:",
            "      - runtime: groovy",
            "        script: \"\"",
            "extra: true"));

        Assert.Null(result.Template);
        Assert.Equal(
            [
                (2, "flow[0].type"),
                (3, "flow[0].step"),
                (4, "flow[1].team"),
                (6, "flow[1].colour"),
                (8, "flow[2].step"),
                (10, "flow[2].commands[0].runtime"),
                (11, "flow[2].commands[0].script"),
                (12, "extra"),
            ],
            result.Problems.Select(p => (p.Line, p.Field)));
    }

    [Fact]
    public void Parse_MalformedYaml_ReportsTheLine()
    {
        var problem = Single(Yaml("flow:", "  - type: terraformPlan", "    step: 1", "   name: \"unterminated"));

        Assert.True(problem.Line >= 3, problem.ToString());
        Assert.StartsWith("malformed YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadIndentation_ReportsTheLine()
    {
        var problem = Single(Yaml("flow:", "  - type: terraformPlan", "    step: 1", "  name: x"));

        Assert.Equal(4, problem.Line);
    }

    [Fact]
    public void Parse_UnterminatedFlowList_IsAProblemNotAnException()
    {
        // YamlDotNet throws InvalidOperationException for this rather than a YamlException.
        var problem = Single("flow: [1, 2\nb: 3\n");

        Assert.True(problem.Line >= 1);
        Assert.StartsWith("malformed YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BareColonLine_IsAProblemNotAnException()
    {
        // YamlDotNet emits a value without a key here, which YamlStream would fail on with an ArgumentException.
        var problem = Single(Yaml("flow:", "  - type: terraformPlan", "    step: 1", ":"));

        Assert.Equal(4, problem.Line);
        Assert.StartsWith("malformed YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_ReportsTheLine()
    {
        var problem = Single(Yaml("flow:", "  - type: terraformPlan", "    step: 1", "    step: 2"));

        Assert.Equal(4, problem.Line);
    }

    [Fact]
    public void Parse_UnknownAlias_ReportsTheLine()
    {
        var problem = Single(Yaml("flow:", "  - type: terraformPlan", "    step: *missing"));

        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void Parse_EveryTruncation_NeverThrows()
    {
        var yaml = Yaml(
            "flow:",
            "  - type: \"terraformPlan\"",
            "    step: 100",
            "    inputsEnv: { A: $B }",
            "    commands:",
            "      - runtime: 'BASH'",
            "        before: true",
            "        script: |",
            "          echo [ { \"",
            "      - &cmd { runtime: BASH, after: true, script: \"x\" }",
            "  - type: approval",
            "    step: 150",
            "    team: [ops",
            "    onReject: [*cmd]");

        for (var length = 0; length <= yaml.Length; length++)
        {
            var result = TclParser.Parse(yaml[..length]);
            Assert.True(result.IsValid || result.Problems.Count > 0);
        }
    }

    [Fact]
    public void Parse_Exactly64KiB_IsNotRefusedForSize()
    {
        var head = Yaml("flow:", "  - type: terraformPlan", "    step: 1") + "# padding ";
        var yaml = head + new string('x', TclParser.MaxBytes - head.Length - 1) + "\n";
        Assert.Equal(TclParser.MaxBytes, yaml.Length);

        Valid(yaml);
    }

    [Fact]
    public void Parse_LargerThan64KiB_IsRefused()
    {
        var head = Yaml("flow:", "  - type: terraformPlan", "    step: 1") + "# padding ";
        var yaml = head + new string('x', TclParser.MaxBytes) + "\n";

        var problem = Single(yaml);

        Assert.Equal(0, problem.Line);
        Assert.Contains("65536", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MultiByteTextOver64KiB_IsRefused()
    {
        // 40,000 chars but 120,000 UTF-8 bytes: the limit is on bytes.
        var yaml = Yaml("flow:", "  - type: terraformPlan", "    step: 1", "    name: " + new string('€', 40_000));

        Assert.Contains("65536", Single(yaml).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BillionLaughs_IsRefusedAtTheNodeLimitNotExpanded()
    {
        var lines = new List<string> { "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]" };
        for (var i = 1; i <= 9; i++)
        {
            var refs = string.Join(",", Enumerable.Repeat($"*a{i - 1}", 9));
            lines.Add($"a{i}: &a{i} [{refs}]");
        }

        lines.Add("flow:");
        lines.Add("  - type: terraformPlan");
        lines.Add("    step: 1");
        lines.Add("    commands: *a9");

        // 9^10 nodes if expanded: the refusal names the node limit instead (no wall-clock check; an expanding parser
        // would never return).
        var problem = Single(Yaml([.. lines]));

        Assert.Contains("10000", problem.Message, StringComparison.Ordinal);
        Assert.InRange(problem.Line, 1, 10);
    }

    [Fact]
    public void Parse_ModestAliases_AreAllowed()
    {
        var template = Valid(Yaml(
            "flow:",
            "  - type: terraformPlan",
            "    step: 100",
            "    commands: &shared",
            "      - { runtime: BASH, before: true, script: ./lint.sh }",
            "  - type: terraformApply",
            "    step: 200",
            "    commands: *shared"));

        Assert.All(template.Flows, f => Assert.Equal("./lint.sh", Assert.Single(f.Commands).Script));
    }

    [Fact]
    public void Parse_AliasInsideItsOwnAnchor_IsRefused()
    {
        var problem = Single(Yaml("flow: &loop", "  - *loop"));

        Assert.Equal(2, problem.Line);
        Assert.Contains("*loop", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeepNesting_IsRefusedWithoutOverflowingTheStack()
    {
        var problem = Single("flow: " + new string('[', 20_000) + new string(']', 20_000) + "\n");

        Assert.Contains(TclParser.MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ComplexKey_IsRefused()
    {
        var problem = Single(Yaml("? [a, b]", ": 1", "flow: []"));

        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void Parse_TwoDocuments_IsRefused()
    {
        var problem = Single(Yaml("flow:", "  - type: terraformPlan", "    step: 1", "---", "flow: []"));

        Assert.Equal(4, problem.Line);
    }

    [Fact]
    public void Parse_Null_Throws() => Assert.Throws<ArgumentNullException>(() => TclParser.Parse(null!));
}
