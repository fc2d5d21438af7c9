using Stratus.Infra.Execution;
using Stratus.Testing;

namespace Stratus.Infra.Tests.Execution;

/// <summary>The real terraform through the executor's building blocks, offline, with built-in resources only.</summary>
public sealed class TerraformPipelineTests
{
    private const string Config = """
        variable "name" {
          type    = string
          default = "world"
        }

        resource "terraform_data" "greeting" {
          input = "hello ${var.name}"
        }

        output "greeting" {
          value = terraform_data.greeting.output
        }
        """;

    [TerraformFact]
    public async Task PlanApply_NewResource_ChangesThenSavedPlanAppliedThenNoChanges()
    {
        using var terraform = new TerraformHarness();
        terraform.Write("main.tf", Config);
        var token = TestTimeout.Token();

        Assert.Equal(0, await terraform.RunAsync(TerraformCommands.Init(), token));
        var firstPlan = PlanOutcomes.FromExitCode(await terraform.RunAsync(TerraformCommands.Plan(terraform.PlanFile), token));
        Assert.Equal(PlanOutcome.Changes, firstPlan);
        Assert.True(File.Exists(terraform.PlanFile));

        Assert.Equal(0, await terraform.RunAsync(TerraformCommands.Apply(terraform.PlanFile), token));
        Assert.Contains(terraform.Log.Lines, l => l.StartsWith("Apply complete! Resources: 1 added", StringComparison.Ordinal));

        using var outputs = await terraform.OutputAsync(token);
        Assert.Equal("hello world", outputs.RootElement.GetProperty("greeting").GetProperty("value").GetString());

        var secondPlan = PlanOutcomes.FromExitCode(await terraform.RunAsync(TerraformCommands.Plan(terraform.PlanFile), token));
        Assert.Equal(PlanOutcome.NoChanges, secondPlan);
    }

    [TerraformFact]
    public async Task PlanDestroy_AfterApply_PlansTheRemoval()
    {
        using var terraform = new TerraformHarness();
        terraform.Write("main.tf", Config);
        var token = TestTimeout.Token();
        Assert.Equal(0, await terraform.RunAsync(TerraformCommands.Init(), token));
        Assert.Equal(0, await terraform.RunAsync(TerraformCommands.Apply(), token));

        var outcome = PlanOutcomes.FromExitCode(await terraform.RunAsync(TerraformCommands.Plan(terraform.PlanFile, new TerraformPlanOptions(Destroy: true)), token));

        Assert.Equal(PlanOutcome.Changes, outcome);
        Assert.Contains(terraform.Log.Lines, l => l.Contains("0 to add, 0 to change, 1 to destroy", StringComparison.Ordinal));
    }

    [TerraformFact]
    public async Task Plan_InvalidConfiguration_Fails()
    {
        using var terraform = new TerraformHarness();
        terraform.Write("main.tf", "output \"broken\" {\n  value = var.not_declared\n}\n");
        var token = TestTimeout.Token();
        await terraform.RunAsync(TerraformCommands.Init(), token);

        var exitCode = await terraform.RunAsync(TerraformCommands.Plan(terraform.PlanFile), token);

        Assert.Equal(1, exitCode);
        Assert.Equal(PlanOutcome.Failed, PlanOutcomes.FromExitCode(exitCode));
        Assert.Contains(terraform.Log.Lines, l => l.Contains("not_declared", StringComparison.Ordinal));
    }

    [TerraformFact]
    public async Task Apply_TfVarAndHclMapAndEnvVariables_ReachTheConfiguration()
    {
        using var terraform = new TerraformHarness(
        [
            new ResolvedVariable("name", "stratus", IsEnv: false, Hcl: false, Sensitive: false),
            new ResolvedVariable("tags", "{\n  env  = \"prod\"\n  team = \"infra\"\n}", IsEnv: false, Hcl: true, Sensitive: false),
            new ResolvedVariable("replicas", "3", IsEnv: false, Hcl: true, Sensitive: false),
            new ResolvedVariable("MY_SETTING", "from-env", IsEnv: true, Hcl: false, Sensitive: false),
        ]);
        terraform.Write("main.tf", """
            variable "name" { type = string }
            variable "tags" { type = map(string) }
            variable "replicas" { type = number }

            resource "terraform_data" "probe" {
              provisioner "local-exec" {
                command = "echo \"setting is $MY_SETTING\""
              }
            }

            output "name" { value = var.name }
            output "tags" { value = var.tags }
            output "replicas" { value = var.replicas }
            """);
        var token = TestTimeout.Token();

        Assert.Equal(0, await terraform.RunAsync(TerraformCommands.Init(), token));
        Assert.Equal(0, await terraform.RunAsync(TerraformCommands.Apply(), token));

        using var outputs = await terraform.OutputAsync(token);
        Assert.Equal("stratus", outputs.RootElement.GetProperty("name").GetProperty("value").GetString());
        Assert.Equal("infra", outputs.RootElement.GetProperty("tags").GetProperty("value").GetProperty("team").GetString());
        Assert.Equal(3, outputs.RootElement.GetProperty("replicas").GetProperty("value").GetInt32());
        Assert.Contains(terraform.Log.Lines, l => l.EndsWith("(local-exec): setting is from-env", StringComparison.Ordinal));
    }

    [TerraformFact]
    public async Task Apply_LocalExecEchoesASensitiveVariable_LogShowsOnlyTheMask()
    {
        const string Secret = "pa55-w0rd-for-tests";
        using var terraform = new TerraformHarness(
        [
            new ResolvedVariable("db_password", Secret, IsEnv: false, Hcl: false, Sensitive: true),
            new ResolvedVariable("API_KEY", "key-abc-123", IsEnv: true, Hcl: false, Sensitive: true),
        ]);

        // Not marked sensitive in the configuration: terraform itself would print it; Stratus's masking must not.
        terraform.Write("main.tf", """
            variable "db_password" { type = string }

            resource "terraform_data" "leak" {
              provisioner "local-exec" {
                command = "echo \"password is ${var.db_password}\"; echo \"key is $API_KEY\""
              }
            }
            """);
        var token = TestTimeout.Token();

        Assert.Equal(0, await terraform.RunAsync(TerraformCommands.Init(), token));
        Assert.Equal(0, await terraform.RunAsync(TerraformCommands.Apply(), token));

        Assert.Contains(terraform.Log.Lines, l => l.EndsWith("(local-exec): password is ***", StringComparison.Ordinal));
        Assert.Contains(terraform.Log.Lines, l => l.EndsWith("(local-exec): key is ***", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, terraform.Log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("key-abc-123", terraform.Log.Text, StringComparison.Ordinal);
    }
}
