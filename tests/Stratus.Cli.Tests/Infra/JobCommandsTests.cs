using System.Text.Json;
using Stratus.Cli.Configuration;
using Stratus.Testing;
using static Stratus.Cli.Tests.Apps.CliRuns;

namespace Stratus.Cli.Tests.Infra;

/// <summary>
/// A real terraform job driven from the CLI over HTTP: created and followed live, approved from a second CLI run while
/// the first follows, then its logs and the state it wrote read back.
/// </summary>
public sealed class JobCommandsTests(InfraJobsApiServer server) : IClassFixture<InfraJobsApiServer>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stratus-cli-job-").FullName;

    [TerraformFact]
    public async Task JobCreateFollow_ApprovedWhileFollowing_AppliesExitsZeroAndWritesState()
    {
        var ct = TestTimeout.Token(240);
        using var session = Session();
        var org = UniqueNames.Next("org-", 10);
        string[] ws = ["--org", org, "-w", "main"];
        await File.WriteAllTextAsync(Path.Combine(_folder, "main.tf"), """
            resource "terraform_data" "item" {
              input = "one"
            }

            output "label" {
              value = terraform_data.item.output
            }
            """, ct);
        await AssertOkAsync(session.RunAsync("organization", "create", org));
        await AssertOkAsync(session.RunAsync("workspace", "create", "main", "--org", org));
        await AssertOkAsync(session.RunAsync("workspace", "upload", "main", _folder, "--org", org));
        await session.RunAsync("team", "create", "TERRAFORM_CLI");

        var following = session.RunAsync(["job", "create", "--template", "terraform-plan-apply-cli", "--follow", "--no-color", .. ws]);
        await Poll.UntilAsync(
            () => session.RunAsync(["job", "show", "1", "-o", "json", .. ws]),
            shown => shown.ExitCode == 0 && JsonDocument.Parse(shown.Out).RootElement.GetProperty("status").GetString() == "waitingApproval",
            "job 1 waits for approval",
            ct);
        var approved = await AssertOkAsync(session.RunAsync(["job", "approve", "1", .. ws]));
        var followed = await following;
        var again = await session.RunAsync(["job", "approve", "1", .. ws]);
        var logs = await AssertOkAsync(session.RunAsync(["job", "logs", "1", "--no-color", .. ws]));
        var listed = await AssertOkAsync(session.RunAsync(["job", "list", .. ws]));
        var pulled = await AssertOkAsync(session.RunAsync(["state", "pull", .. ws]));
        var rolledBack = await AssertOkAsync(session.RunAsync(["state", "rollback", "1", .. ws]));
        var versions = JsonDocument.Parse((await AssertOkAsync(session.RunAsync(["state", "versions", "-o", "json", .. ws]))).Out).RootElement;

        Assert.True(followed.ExitCode == 0, followed.ToString());
        foreach (var expected in new[] { "Plan: 1 to add", "Job 1: Approved by ", "Apply complete", "Job 1 completed." })
        {
            Assert.True(followed.Out.Contains(expected, StringComparison.Ordinal), $"'{expected}' missing from {followed}");
        }

        Assert.Contains("Approved job 1", approved.Out, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("not waiting for approval", again.Error, StringComparison.Ordinal);
        Assert.True(logs.Out.Contains("Plan: 1 to add", StringComparison.Ordinal) && !logs.Out.Contains("\\n", StringComparison.Ordinal), logs.ToString());
        Assert.Contains("completed", listed.Out, StringComparison.Ordinal);
        Assert.Equal("one", JsonDocument.Parse(pulled.Out).RootElement.GetProperty("outputs").GetProperty("label").GetProperty("value").GetString());
        Assert.Contains("version 2", rolledBack.Out, StringComparison.Ordinal);
        var items = versions.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(1, items.Single(v => v.GetProperty("current").GetBoolean()).GetProperty("rolledBackFrom").GetInt64());
    }

    [TerraformFact]
    public async Task JobCreateFollow_BrokenConfiguration_ExitsOneNamingTheFailure()
    {
        var ct = TestTimeout.Token(180);
        using var session = Session();
        var org = UniqueNames.Next("org-", 10);
        await File.WriteAllTextAsync(Path.Combine(_folder, "main.tf"), "resource \"terraform_data\" \"x\" { input = undefined_thing }\n", ct);
        await AssertOkAsync(session.RunAsync("organization", "create", org));
        await AssertOkAsync(session.RunAsync("workspace", "create", "main", "--org", org));
        await AssertOkAsync(session.RunAsync("workspace", "upload", "main", _folder, "--org", org));

        var followed = await session.RunAsync("job", "create", "--template", "plan", "--follow", "--org", org, "-w", "main");

        Assert.True(followed.ExitCode == 1, followed.ToString());
        Assert.Contains("Job 1 failed.", followed.Error, StringComparison.Ordinal);
        Assert.Contains("terraform init", followed.Out, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A CLI that reaches the server over HTTP, as the admin.</summary>
    private CliSession Session()
    {
        var session = new CliSession(handler: null);
        session.Variables[EnvironmentVariables.Url] = server.Url;
        session.Variables[EnvironmentVariables.Token] = server.AdminToken;
        return session;
    }
}
