using Stratus.Infra.Schedules;
using Stratus.Infra.Templates;

namespace Stratus.Infra.Tests.Templates;

/// <summary>
/// Templates written from Terrakube's documentation and model classes (one file per documented shape, under Corpus):
/// each must be accepted as Terrakube accepts it, and read into the structure stated here.
/// </summary>
public sealed class TclCorpusTests
{
    private const string Extensions = "https://github.com/AzBuilder/terrakube-extensions";

    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Templates", "Corpus");

    public static TheoryData<string, string> Corpus { get; } = new()
    {
        { "cli-plan-apply.yaml", "100 terraformPlan | 150 approval team=TERRAFORM_CLI | 200 terraformApply" },
        { "cli-plan-destroy.yaml", "100 terraformPlanDestroy | 150 approval team=TERRAFORM_CLI | 200 terraformApply" },
        { "plan-apply.yaml", "100 terraformPlan | 200 terraformApply" },
        { "destroy-disable-workspace.yaml", "100 terraformDestroy | 200 disableWorkspace" },
        { "terratag-groovy-grapes.yaml", "100 terraformPlan cmds[GROOVY/100/b, BASH/200/b] | 300 terraformApply | 400 terraformDestroy" },
        { "import-comands.yaml", $"100 terraformPlan import({Extensions}@import-template:templates/terratag) | 200 terraformApply" },
        {
            "import-comands-inputs.yaml",
            $"100 terraformPlan import({Extensions}@import-template:templates/terratag env{{INPUT_IMPORT1=$IMPORT1,INPUT_IMPORT2=$IMPORT2}} tf{{INPUT_IMPORT1=$IMPORT1,INPUT_IMPORT2=$IMPORT2}}) | 200 terraformApply"
        },
        {
            "import-commands-private.yaml",
            "100 customScripts import(https://github.com/example/private-scripts.git@main:scripts/notify vcs=3f6b1c2e-8d9a-4c1b-9e1f-0a2b3c4d5e6f)"
        },
        { "inputs-env.yaml", "100 customScripts cmds[BASH/100/b] env{INPUT_IMPORT1=$IMPORT1,INPUT_IMPORT2=$IMPORT2}" },
        { "inputs-terraform.yaml", "100 customScripts cmds[BASH/100/b] tf{INPUT_IMPORT1=$IMPORT1,INPUT_IMPORT2=$IMPORT2}" },
        {
            "schedule-templates.yaml",
            "100 customScripts cmds[BASH/100/b] tf{SIZE=$SIZE_SMALL} | 200 scheduleTemplates schedule[schedule1@0 0/5 * ? * * *, schedule2@0 0/10 * ? * * *]"
        },
        {
            "ephemeral-auto-destroy.yaml",
            "100 terraformPlan | 150 approval team=TERRAFORM_CLI | 200 terraformApply | 300 scheduleTemplates schedule[delete-playground@0 0/5 * ? * * *]"
        },
        { "cost-estimation.yaml", "100 terraformPlan cmds[GROOVY/100/a, BASH/200/a] | 200 terraformApply" },
        { "opa-policy.yaml", "100 terraformPlan cmds[GROOVY/100/a, BASH/200/a] | 300 terraformApply" },
        { "drift-detection.yaml", "100 terraformPlan ignoreError cmds[GROOVY/100/a, BASH/200/a, GROOVY/300/a]" },
        { "persistent-context.yaml", "100 terraformPlan cmds[BASH/200/a, GROOVY/300/a]" },
        { "ui-templates.yaml", "100 terraformPlan cmds[GROOVY/300/a] | 200 terraformApply" },
        {
            "on-failure-on-reject.yaml",
            "100 terraformPlan onFailure[GROOVY/50/, BASH/100/] | 150 approval team=TERRAKUBE_ADMIN onReject[BASH/100/a] | 200 terraformApply"
        },
        { "before-init-verbose.yaml", "100 terraformPlan cmds[BASH/10/iv, BASH/20/b, BASH/100/a]" },
        { "require-saved-plan.yaml", "100 terraformPlan | 200 terraformApply requireSavedPlan" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Parse_TerrakubeExample_IsAcceptedWithItsStructure(string file, string expected)
    {
        var yaml = File.ReadAllText(Path.Combine(CorpusDirectory, file));

        // The schedule check the API uses, so the documented 7-field Quartz expressions are held to the same rule.
        var result = TclParser.Parse(yaml, text => QuartzCronExpression.TryParse(text, out _, out var problem) ? null : problem);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(expected, TclShape.Describe(result.Template!));
    }

    [Fact]
    public void Corpus_EveryFile_HasAnExpectedStructure()
    {
        var files = Directory.GetFiles(CorpusDirectory, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var listed = Corpus.Select(row => (string)row[0]).Order(StringComparer.Ordinal);

        Assert.Equal(listed, files);
    }
}
