using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Testing;
using Stratus.Testing.Terraform;

namespace Stratus.Api.Tests.Infra.Tfe;

/// <summary>
/// The real terraform with a <c>cloud</c> block naming a Stratus organization and workspace, over HTTPS: the runs are
/// Stratus jobs whose terraform runs in the step sandbox, and their output comes back through the TFE log URLs.
/// </summary>
public sealed class TfeTerraformTests(StratusHttpsServer server) : IClassFixture<StratusHttpsServer>
{
    private const string Organization = "acme";

    [TerraformFact]
    public async Task CloudBlock_InitPlanApplyStatePull_RunsRemotelyAsStratusJobs()
    {
        var ct = TestTimeout.Token(420);
        using var client = server.Client(server.AdminToken);
        await EnsureOrganizationAsync(client, ct);
        var folder = Directory.CreateTempSubdirectory("stratus-tfe-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "main.tf"), Config("dev"), ct);
        using var terraform = server.Terraform(folder, server.AdminToken);

        var init = await terraform.RunAsync(["init", "-input=false", "-no-color"], null, ct);
        Assert.True(init.Succeeded, init.ToString());
        var plan = await terraform.RunAsync(["plan", "-input=false", "-no-color"], null, ct);
        Assert.True(plan.Succeeded, plan.ToString());
        var apply = await terraform.RunAsync(["apply", "-auto-approve", "-input=false", "-no-color"], null, ct);
        Assert.True(apply.Succeeded, apply.ToString());
        var pull = await terraform.RunAsync(["state", "pull"], null, ct);
        var jobs = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{Organization}/workspaces/dev/jobs", ct);
        Directory.Delete(folder, recursive: true);

        Assert.Contains("Plan: 1 to add, 0 to change, 0 to destroy.", plan.Output, StringComparison.Ordinal);
        Assert.Contains("Apply complete! Resources: 1 added", apply.Output, StringComparison.Ordinal);
        Assert.True(pull.Succeeded, pull.ToString());
        var state = JsonDocument.Parse(pull.Output).RootElement;
        Assert.Equal("terraform_data", state.GetProperty("resources")[0].GetProperty("type").GetString());
        Assert.Equal("one", state.GetProperty("outputs").GetProperty("label").GetProperty("value").GetString());
        var items = jobs.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["plan-and-apply", "plan"], items.Select(j => j.GetProperty("template").GetString()));
        Assert.All(items, j => Assert.Equal("TFE", j.GetProperty("via").GetString()));
        Assert.Equal(["completed", "completed"], items.Select(j => j.GetProperty("status").GetString()));
    }

    [TerraformFact]
    public async Task CloudBlock_ApplyAnsweredNoThenYes_DiscardsThenConfirmsTheApproval()
    {
        var ct = TestTimeout.Token(420);
        using var client = server.Client(server.AdminToken);
        await EnsureOrganizationAsync(client, ct);
        using (var team = await client.PostAsJsonAsync("/api/v1/teams", new { name = "TERRAFORM_CLI" }, ct))
        {
            Assert.True(team.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
        }

        var folder = Directory.CreateTempSubdirectory("stratus-tfe-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "main.tf"), Config("confirm"), ct);
        using var terraform = server.Terraform(folder, server.AdminToken);
        var init = await terraform.RunAsync(["init", "-input=false", "-no-color"], null, ct);
        Assert.True(init.Succeeded, init.ToString());

        var no = await terraform.RunAsync(["apply", "-no-color"], "no\n", ct);
        var yes = await terraform.RunAsync(["apply", "-no-color"], "yes\n", ct);
        var jobs = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{Organization}/workspaces/confirm/jobs", ct);
        Directory.Delete(folder, recursive: true);

        Assert.Equal(1, no.ExitCode);
        Assert.Contains("Apply discarded", no.Error + no.Output, StringComparison.Ordinal);
        Assert.True(yes.Succeeded, yes.ToString());
        Assert.Contains("Apply complete! Resources: 1 added", yes.Output, StringComparison.Ordinal);
        var items = jobs.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["terraform-plan-apply-cli", "terraform-plan-apply-cli"], items.Select(j => j.GetProperty("template").GetString()));
        Assert.Equal(["completed", "rejected"], items.Select(j => j.GetProperty("status").GetString()));
    }

    [TerraformFact]
    public async Task CloudBlock_LockedWorkspace_PlanFailsSayingWhoLockedItAndWhy()
    {
        var ct = TestTimeout.Token(300);
        using var client = server.Client(server.AdminToken);
        await EnsureOrganizationAsync(client, ct);
        var folder = Directory.CreateTempSubdirectory("stratus-tfe-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "main.tf"), Config("frozen"), ct);
        using var terraform = server.Terraform(folder, server.AdminToken);
        var init = await terraform.RunAsync(["init", "-input=false", "-no-color"], null, ct);
        Assert.True(init.Succeeded, init.ToString());
        using var locked = await client.PostAsJsonAsync($"/api/v1/organizations/{Organization}/workspaces/frozen/lock", new { reason = "change freeze" }, ct);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);

        var plan = await terraform.RunAsync(["plan", "-input=false", "-no-color"], null, ct);
        var jobs = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{Organization}/workspaces/frozen/jobs", ct);
        Directory.Delete(folder, recursive: true);

        Assert.Equal(1, plan.ExitCode);
        Assert.Contains("Failed to create run", plan.Error, StringComparison.Ordinal);
        Assert.Contains("is locked by", plan.Error, StringComparison.Ordinal);
        Assert.Contains("change freeze", plan.Error, StringComparison.Ordinal);
        Assert.Equal(0, jobs.GetProperty("items").GetArrayLength());
    }

    private static string Config(string workspace) => $$"""
        terraform {
          cloud {
            hostname     = "{{StratusHttpsServer.Hostname}}"
            organization = "{{Organization}}"
            workspaces {
              name = "{{workspace}}"
            }
          }
        }

        resource "terraform_data" "item" {
          input = "one"
        }

        output "label" {
          value = terraform_data.item.output
        }
        """;

    private static async Task EnsureOrganizationAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/organizations", new { name = Organization }, cancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"Creating organization {Organization} answered {(int)response.StatusCode}.");
    }
}
