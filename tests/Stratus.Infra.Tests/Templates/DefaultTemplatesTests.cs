using Stratus.Infra.Templates;

namespace Stratus.Infra.Tests.Templates;

public sealed class DefaultTemplatesTests
{
    public static TheoryData<string> Names() => [.. DefaultTemplates.All.Select(t => t.Name)];

    private static TclTemplate Parse(string name)
    {
        var result = TclParser.Parse(DefaultTemplates.All.Single(t => t.Name == name).Yaml);
        Assert.Empty(result.Problems);
        return result.Template!;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parse_DefaultTemplate_HasNoProblems(string name) => Assert.NotEmpty(Parse(name).Flows);

    [Fact]
    public void All_AreTheFiveTerrakubeSeeds() =>
        Assert.Equal(
            ["Plan", "Plan and apply", "Destroy", "Terraform-Plan/Apply-Cli", "Terraform-Plan/Destroy-Cli"],
            DefaultTemplates.All.Select(t => t.Name));

    [Theory]
    [InlineData("Plan", new[] { TclFlowType.TerraformPlan })]
    [InlineData("Plan and apply", new[] { TclFlowType.TerraformPlan, TclFlowType.TerraformApply })]
    [InlineData("Destroy", new[] { TclFlowType.TerraformDestroy })]
    [InlineData("Terraform-Plan/Apply-Cli", new[] { TclFlowType.TerraformPlan, TclFlowType.Approval, TclFlowType.TerraformApply })]
    [InlineData("Terraform-Plan/Destroy-Cli", new[] { TclFlowType.TerraformPlanDestroy, TclFlowType.Approval, TclFlowType.TerraformApply })]
    public void Parse_DefaultTemplate_HasTerrakubesFlows(string name, string[] types) =>
        Assert.Equal(types, Parse(name).Flows.Select(f => f.Type));

    [Theory]
    [InlineData("Terraform-Plan/Apply-Cli")]
    [InlineData("Terraform-Plan/Destroy-Cli")]
    public void Parse_CliTemplate_ApprovesAtStep150ByTheCliTeam(string name)
    {
        var flows = Parse(name).Flows;

        Assert.Equal([100, 150, 200], flows.Select(f => f.Step));
        // Terrakube's own team name, exactly as its default templates write it.
        Assert.Equal("TERRAFORM_CLI", flows[1].Team);
    }
}
