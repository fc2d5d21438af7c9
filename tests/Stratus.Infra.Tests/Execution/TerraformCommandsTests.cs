using Stratus.Infra.Execution;

namespace Stratus.Infra.Tests.Execution;

public sealed class TerraformCommandsTests
{
    [Fact]
    public void Init_IsNonInteractiveAndColourless() => Assert.Equal(["init", "-input=false", "-no-color"], TerraformCommands.Init());

    [Fact]
    public void Plan_Default_DetailedExitCodeAndPlanFile() =>
        Assert.Equal(["plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=/w/plan.tfplan"], TerraformCommands.Plan("/w/plan.tfplan"));

    [Fact]
    public void Plan_DestroyWithTargetsAndReplace_AddsTheirFlags() =>
        Assert.Equal(
            ["plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=p", "-destroy", "-refresh=false", "-target=terraform_data.a", "-replace=terraform_data.b"],
            TerraformCommands.Plan("p", new TerraformPlanOptions(Destroy: true, Refresh: false, Targets: ["terraform_data.a"], Replace: ["terraform_data.b"])));

    [Fact]
    public void Plan_RefreshOnly_AddsRefreshOnly() =>
        Assert.Contains("-refresh-only", TerraformCommands.Plan("p", new TerraformPlanOptions(RefreshOnly: true)));

    [Fact]
    public void Apply_SavedPlan_AppliesItWithoutAutoApprove() =>
        Assert.Equal(["apply", "-input=false", "-no-color", "plan.tfplan"], TerraformCommands.Apply("plan.tfplan"));

    [Fact]
    public void Apply_NoPlan_AutoApproves() => Assert.Equal(["apply", "-input=false", "-no-color", "-auto-approve"], TerraformCommands.Apply());

    [Fact]
    public void Destroy_AutoApproves() => Assert.Equal(["destroy", "-input=false", "-no-color", "-auto-approve"], TerraformCommands.Destroy());

    [Fact]
    public void OutputAndShow_Json()
    {
        Assert.Equal(["output", "-json", "-no-color"], TerraformCommands.Output());
        Assert.Equal(["show", "-json", "-no-color"], TerraformCommands.Show());
        Assert.Equal(["show", "-json", "-no-color", "p.tfplan"], TerraformCommands.Show("p.tfplan"));
    }

    [Theory]
    [InlineData("-destroy")]
    [InlineData("")]
    public void Apply_PlanFileThatLooksLikeAnOption_Refused(string planFile) =>
        Assert.Throws<ArgumentException>(() => TerraformCommands.Apply(planFile));

    [Fact]
    public void Plan_TargetThatLooksLikeAnOption_Refused() =>
        Assert.Throws<ArgumentException>(() => TerraformCommands.Plan("p", new TerraformPlanOptions(Targets: ["-lock=false"])));

    [Theory]
    [InlineData(0, PlanOutcome.NoChanges)]
    [InlineData(2, PlanOutcome.Changes)]
    [InlineData(1, PlanOutcome.Failed)]
    [InlineData(-1, PlanOutcome.Failed)]
    [InlineData(137, PlanOutcome.Failed)]
    public void FromExitCode_DetailedExitCode_Interpreted(int exitCode, PlanOutcome expected) =>
        Assert.Equal(expected, PlanOutcomes.FromExitCode(exitCode));
}
