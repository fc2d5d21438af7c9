using System.Text.Json;
using Stratus.Testing;
using Stratus.Testing.Hosting;
using static Stratus.Cli.Tests.Apps.CliRuns;

namespace Stratus.Cli.Tests.Infra;

/// <summary>
/// The infrastructure commands against the real API (one in-process API for the class), signed in as the bootstrap
/// admin: per command group its main path and one refusal. Jobs that run terraform are in <see cref="JobCommandsTests"/>.
/// </summary>
public sealed class InfraCommandsTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>, IDisposable
{
    private const string ValidTemplate = """
        flow:
          - type: terraformPlan
            name: Plan
            step: 100
          - type: approval
            name: Approve
            step: 200
            team: platform
          - type: terraformApply
            name: Apply
            step: 300
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("stratus-cli-infra-").FullName;

    [Fact]
    public async Task Organization_CreateShowUpdateListDelete_RoundTrips()
    {
        var org = UniqueNames.Next("org-", 10);
        using var session = await SessionAsync();

        var created = await AssertOkAsync(session.RunAsync("organization", "create", org, "--description", "Acme platform"));
        await AssertOkAsync(session.RunAsync("org", "update", org, "-d", "Acme infrastructure"));
        var shown = JsonDocument.Parse((await AssertOkAsync(session.RunAsync("organization", "show", org, "-o", "json"))).Out).RootElement;
        var table = await AssertOkAsync(session.RunAsync("organization", "list"));
        var refused = await session.RunAsync("organization", "delete", org);
        await AssertOkAsync(session.RunAsync("organization", "delete", org, "--yes"));
        var gone = await session.RunAsync("organization", "show", org);

        Assert.Contains($"Created organization {org}.", created.Out, StringComparison.Ordinal);
        Assert.Equal("Acme infrastructure", shown.GetProperty("description").GetString());
        Assert.Contains(org, table.Out, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Pass --yes", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains(org, gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workspace_CreateUploadLockUnlockDelete_AndRefusedSetting()
    {
        using var session = await SessionAsync();
        var org = await OrganizationAsync(session);
        var source = Path.Combine(_folder, "network");
        Directory.CreateDirectory(Path.Combine(source, ".terraform", "providers"));
        await File.WriteAllTextAsync(Path.Combine(source, "main.tf"), "resource \"terraform_data\" \"x\" {}\n");
        await File.WriteAllTextAsync(Path.Combine(source, ".terraform", "providers", "big"), "left out");

        await AssertOkAsync(session.RunAsync("workspace", "create", "network", "--org", org, "--terraform-version", "1.11.0", "--tag", "prod"));
        var uploaded = await AssertOkAsync(session.RunAsync("workspace", "upload", "network", source, "--org", org));
        var locked = await AssertOkAsync(session.RunAsync("ws", "lock", "network", "--org", org, "--reason", "change freeze"));
        var shownLocked = await AssertOkAsync(session.RunAsync("workspace", "show", "network", "--org", org));
        await AssertOkAsync(session.RunAsync("workspace", "unlock", "network", "--org", org));
        var json = JsonDocument.Parse((await AssertOkAsync(session.RunAsync("workspace", "show", "network", "--org", org, "-o", "json"))).Out).RootElement;
        var table = await AssertOkAsync(session.RunAsync("workspace", "list", "--org", org));
        var refused = await session.RunAsync("workspace", "create", "other", "--org", org, "--iac-type", "pulumi");
        await AssertOkAsync(session.RunAsync("workspace", "delete", "network", "--org", org, "--yes"));
        var afterDelete = await AssertOkAsync(session.RunAsync("workspace", "list", "--org", org));

        Assert.Contains("Packed 1 file", uploaded.Out, StringComparison.Ordinal);
        Assert.Contains("Locked workspace", locked.Out, StringComparison.Ordinal);
        Assert.Contains("change freeze", shownLocked.Out, StringComparison.Ordinal);
        Assert.Equal("upload", json.GetProperty("sourceKind").GetString());
        Assert.False(json.GetProperty("locked").GetBoolean());
        Assert.Equal("1.11.0", json.GetProperty("terraformVersion").GetString());
        Assert.Contains("network", table.Out, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("pulumi", refused.Error, StringComparison.Ordinal);
        Assert.Contains("No workspaces", afterDelete.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Variables_WorkspaceGlobalAndCollection_ResolveInPrecedenceAndHideSecrets()
    {
        using var session = await SessionAsync();
        var org = await OrganizationAsync(session);
        await AssertOkAsync(session.RunAsync("workspace", "create", "app", "--org", org));

        await AssertOkAsync(session.RunAsync("variable", "create", "region", "--value", "eu-west-1", "--org", org, "-w", "app"));
        await AssertOkAsync(session.RunWithInputAsync("s3cr3t-value\n", "variable", "create", "TOKEN", "--value-stdin", "--sensitive", "--category", "env", "--org", org, "-w", "app"));
        await AssertOkAsync(session.RunAsync("global", "create", "region", "--value", "us-east-1", "--org", org));
        await AssertOkAsync(session.RunAsync("global", "create", "owner", "--value", "platform", "--org", org));
        await AssertOkAsync(session.RunAsync("collection", "create", "shared", "--priority", "5", "--org", org));
        await AssertOkAsync(session.RunAsync("collection", "item", "create", "shared", "team", "--value", "payments", "--org", org));
        await AssertOkAsync(session.RunAsync("collection", "reference", "add", "shared", "app", "--org", org));
        await AssertOkAsync(session.RunAsync("variable", "update", "region", "--value", "eu-central-1", "--org", org, "-w", "app"));
        var listed = await AssertOkAsync(session.RunAsync("variable", "list", "--org", org, "-w", "app"));
        var listedJson = await AssertOkAsync(session.RunAsync("variable", "list", "--org", org, "-w", "app", "-o", "json"));
        var references = await AssertOkAsync(session.RunAsync("collection", "reference", "list", "shared", "--org", org));
        var resolved = JsonDocument.Parse((await AssertOkAsync(session.RunAsync("variable", "resolved", "--org", org, "-w", "app", "-o", "json"))).Out).RootElement;
        await AssertOkAsync(session.RunAsync("global", "delete", "owner", "--org", org));
        var unknown = await session.RunAsync("variable", "delete", "nope", "--org", org, "-w", "app");

        var effective = resolved.GetProperty("items").EnumerateArray().ToDictionary(v => v.GetProperty("key").GetString()!, v => v);
        Assert.Equal("eu-central-1", effective["region"].GetProperty("value").GetString());
        Assert.Equal("workspace", effective["region"].GetProperty("source").GetProperty("kind").GetString());
        Assert.Equal("global", effective["owner"].GetProperty("source").GetProperty("kind").GetString());
        Assert.Equal("collection", effective["team"].GetProperty("source").GetProperty("kind").GetString());
        Assert.Contains("*** (sensitive)", listed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", listed.Out + listedJson.Out, StringComparison.Ordinal);
        Assert.Contains("app", references.Out, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no workspace variable 'nope'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_ValidateCreateShowUpdateDelete_AndInvalidTclRefused()
    {
        using var session = await SessionAsync();
        var org = await OrganizationAsync(session);
        var good = Path.Combine(_folder, "reviewed-apply.yaml");
        var bad = Path.Combine(_folder, "broken.yaml");
        await File.WriteAllTextAsync(good, ValidTemplate);
        await File.WriteAllTextAsync(bad, "flow:\n  - type: terraformPlan\n    step: 100\n    colour: blue\n");

        var valid = await AssertOkAsync(session.RunAsync("template", "validate", good, "--org", org));
        var invalid = await session.RunAsync("template", "validate", bad, "--org", org);
        await AssertOkAsync(session.RunAsync("template", "create", "--org", org, "--file", good, "--description", "Plan, review, apply"));
        var shown = await AssertOkAsync(session.RunAsync("template", "show", "reviewed-apply", "--org", org));
        await AssertOkAsync(session.RunAsync("template", "update", "reviewed-apply", "--org", org, "--description", "Reviewed apply"));
        var json = JsonDocument.Parse((await AssertOkAsync(session.RunAsync("template", "show", "reviewed-apply", "--org", org, "-o", "json"))).Out).RootElement;
        var listed = await AssertOkAsync(session.RunAsync("template", "list", "--org", org));
        var refused = await session.RunAsync("template", "create", "--org", org, "--file", bad);
        await AssertOkAsync(session.RunAsync("template", "delete", "reviewed-apply", "--org", org));

        Assert.Contains("valid template with 3 flows", valid.Out, StringComparison.Ordinal);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("colour", invalid.Out, StringComparison.Ordinal);
        Assert.Contains("team: platform", shown.Out, StringComparison.Ordinal);
        Assert.Equal("Reviewed apply", json.GetProperty("description").GetString());
        Assert.Equal(ValidTemplate, json.GetProperty("tcl").GetString());
        Assert.Contains("plan-and-apply", listed.Out, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("colour", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_CreateUpdateListDelete_AndBadCronRefused()
    {
        using var session = await SessionAsync();
        var org = await OrganizationAsync(session);
        await AssertOkAsync(session.RunAsync("workspace", "create", "app", "--org", org));

        var created = JsonDocument.Parse((await AssertOkAsync(session.RunAsync(
            "schedule", "create", "--cron", "0 0 6 ? * MON-FRI", "--template", "plan", "-d", "Drift check", "--org", org, "-w", "app", "-o", "json"))).Out).RootElement;
        var id = created.GetProperty("id").GetString()!;
        await AssertOkAsync(session.RunAsync("schedule", "update", id, "--disable", "--org", org, "-w", "app"));
        var shown = JsonDocument.Parse((await AssertOkAsync(session.RunAsync("schedule", "show", id, "--org", org, "-w", "app", "-o", "json"))).Out).RootElement;
        var listed = await AssertOkAsync(session.RunAsync("schedule", "list", "--org", org, "-w", "app"));
        var refused = await session.RunAsync("schedule", "create", "--cron", "every morning", "--template", "plan", "--org", org, "-w", "app");
        await AssertOkAsync(session.RunAsync("schedule", "delete", id, "--org", org, "-w", "app"));
        var afterDelete = await AssertOkAsync(session.RunAsync("schedule", "list", "--org", org, "-w", "app"));

        Assert.True(created.GetProperty("enabled").GetBoolean());
        Assert.False(shown.GetProperty("enabled").GetBoolean());
        Assert.Contains("0 0 6 ? * MON-FRI", listed.Out, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("cron", refused.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("No schedules", afterDelete.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobAndState_OnAWorkspaceWithoutThem_AnswerWhatIsMissing()
    {
        using var session = await SessionAsync();
        var org = await OrganizationAsync(session);
        await AssertOkAsync(session.RunAsync("workspace", "create", "app", "--org", org));

        var jobs = await AssertOkAsync(session.RunAsync("job", "list", "--org", org, "-w", "app"));
        var noJob = await session.RunAsync("job", "show", "7", "--org", org, "-w", "app");
        var noTemplate = await session.RunAsync("job", "create", "--template", "nope", "--org", org, "-w", "app");
        var versions = await AssertOkAsync(session.RunAsync("state", "versions", "--org", org, "-w", "app"));
        var noState = await session.RunAsync("state", "pull", "--org", org, "-w", "app");
        var noLock = await session.RunAsync("state", "force-unlock", "--org", org, "-w", "app");

        Assert.Contains("No jobs", jobs.Out, StringComparison.Ordinal);
        Assert.Equal(1, noJob.ExitCode);
        Assert.Contains("no job 7", noJob.Error, StringComparison.Ordinal);
        Assert.Equal(1, noTemplate.ExitCode);
        Assert.Contains("nope", noTemplate.Error, StringComparison.Ordinal);
        Assert.Contains("has no state yet", versions.Out, StringComparison.Ordinal);
        Assert.Equal(1, noState.ExitCode);
        Assert.Equal(1, noLock.ExitCode);
        Assert.Contains("is not locked", noLock.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StateLock_HeldByATerraformRun_ShownThenForceUnlocked()
    {
        using var session = await SessionAsync();
        var org = await OrganizationAsync(session);
        await AssertOkAsync(session.RunAsync("workspace", "create", "app", "--org", org));
        using var client = api.CreateClient();
        using var lockInfo = new StringContent("""{"ID": "0b5c3f1e-run", "Operation": "OperationTypeApply", "Who": "ci@runner", "Version": "1.11.0", "Path": ""}""");
        using var locked = await client.PostAsync(new Uri($"/api/v1/organizations/{org}/workspaces/app/state/lock", UriKind.Relative), lockInfo, TestTimeout.Token());
        Assert.True(locked.IsSuccessStatusCode, await locked.Content.ReadAsStringAsync());

        var shown = await AssertOkAsync(session.RunAsync("state", "lock", "--org", org, "-w", "app"));
        var released = await AssertOkAsync(session.RunAsync("state", "force-unlock", "--org", org, "-w", "app"));
        var after = await session.RunAsync("state", "lock", "--org", org, "-w", "app");

        Assert.Contains("0b5c3f1e-run", shown.Out, StringComparison.Ordinal);
        Assert.Contains("ci@runner", shown.Out, StringComparison.Ordinal);
        Assert.Contains("Released the state lock", released.Out, StringComparison.Ordinal);
        Assert.Equal(1, after.ExitCode);
        Assert.Contains("is not locked", after.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<string> OrganizationAsync(CliSession session)
    {
        var org = UniqueNames.Next("org-", 10);
        await AssertOkAsync(session.RunAsync("organization", "create", org));
        return org;
    }

    private async Task<CliSession> SessionAsync()
    {
        var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        return session;
    }
}
