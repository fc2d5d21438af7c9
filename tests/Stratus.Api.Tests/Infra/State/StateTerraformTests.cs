using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Stratus.Identity.Authorization;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.State;

/// <summary>The real terraform binary against the API on a loopback port, through terraform's own http backend.</summary>
public sealed class StateTerraformTests(StateApiServer server) : IClassFixture<StateApiServer>
{
    private static readonly string[] Writer = [PermissionNames.StateRead, PermissionNames.StateWrite];

    [TerraformFact]
    public async Task InitAndApply_StoreTerraformsStateAsVersionsWithItsSerialAndLineage()
    {
        var ct = TestTimeout.Token(180);
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (user, token) = await workspace.UserWithAsync(Writer, ct);
        using var terraform = new TerraformCli(workspace.Address, token);

        Succeeded(await terraform.InitAsync(ct));
        Succeeded(await terraform.ApplyAsync("one", 0, ct));

        var firstState = await DownloadAsync(admin, workspace.Path, ct);
        var versions = await VersionsAsync(workspace, ct);
        var first = Assert.Single(versions);
        Assert.Equal(1, first.GetProperty("version").GetInt64());
        Assert.Equal(firstState.Json.GetProperty("serial").GetInt64(), first.GetProperty("serial").GetInt64());
        Assert.Equal(firstState.Json.GetProperty("lineage").GetString(), first.GetProperty("lineage").GetString());
        Assert.Equal($"user:{user}", first.GetProperty("createdBy").GetString());
        Assert.Equal("backend", first.GetProperty("source").GetString());
        Assert.True(first.GetProperty("current").GetBoolean());
        Assert.Equal(firstState.Bytes.Length, first.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(firstState.Bytes)), first.GetProperty("sha256").GetString());
        Assert.Equal("one", Output(firstState.Json));

        Succeeded(await terraform.ApplyAsync("two", 0, ct));

        var secondState = await DownloadAsync(admin, workspace.Path, ct);
        versions = await VersionsAsync(workspace, ct);
        Assert.Equal([2L, 1L], versions.Select(v => v.GetProperty("version").GetInt64()));
        Assert.True(versions[0].GetProperty("serial").GetInt64() > versions[1].GetProperty("serial").GetInt64());
        Assert.Equal(versions[1].GetProperty("lineage").GetString(), versions[0].GetProperty("lineage").GetString());
        Assert.False(versions[1].GetProperty("current").GetBoolean());
        Assert.Equal("two", Output(secondState.Json));

        var history = await DownloadAsync(admin, workspace.Path + "/versions/1/content", ct);
        Assert.Equal(firstState.Bytes, history.Bytes);
        Assert.Equal(Convert.ToBase64String(MD5.HashData(history.Bytes)), history.ContentMd5);
        Assert.Equal($"{workspace.Organization}-{workspace.Name}-v1.tfstate", history.FileName);
    }

    [TerraformFact]
    public async Task Apply_TwoConcurrentRunsOnOneWorkspace_OneGetsTheLockErrorNamingTheHolderAndTheOtherSucceeds()
    {
        var ct = TestTimeout.Token(180);
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync(Writer, ct);
        using var first = new TerraformCli(workspace.Address, token);
        using var second = new TerraformCli(workspace.Address, token);
        Succeeded(await first.InitAsync(ct));
        Succeeded(await second.InitAsync(ct));

        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var holders = WatchLockHoldersAsync(admin, workspace.Path, done.Token);
        var runs = await Task.WhenAll(first.ApplyAsync("first", 3, ct), second.ApplyAsync("second", 3, ct));
        await done.CancelAsync();
        var seen = await holders;

        var winner = Assert.Single(runs, r => r.ExitCode == 0);
        var loser = Assert.Single(runs, r => r.ExitCode != 0);
        var holder = Assert.Single(seen);
        Assert.Contains("Error acquiring the state lock", loser.Error, StringComparison.Ordinal);
        Assert.Contains($"ID={holder}", loser.Error.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var winnerLabel = winner == runs[0] ? "first" : "second";
        var state = await DownloadAsync(admin, workspace.Path, ct);
        Assert.Equal(winnerLabel, Output(state.Json));
        Assert.Single(await VersionsAsync(workspace, ct));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri(workspace.Path + "/lock", UriKind.Relative), ct)).StatusCode);
    }

    [TerraformFact]
    public async Task Rollback_ToTheFirstVersion_WritesItsContentAsANewVersionThatTerraformPlansAndAppliesOn()
    {
        var ct = TestTimeout.Token(180);
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync(Writer, ct);
        using var terraform = new TerraformCli(workspace.Address, token);
        Succeeded(await terraform.InitAsync(ct));
        Succeeded(await terraform.ApplyAsync("one", 0, ct));
        Succeeded(await terraform.ApplyAsync("two", 0, ct));
        var original = await DownloadAsync(admin, workspace.Path + "/versions/1/content", ct);
        var replaced = (await VersionsAsync(workspace, ct))[0];

        var rollback = await workspace.SendAsync(HttpMethod.Post, "/versions/1/rollback", ct);

        Assert.Equal(3, rollback.GetProperty("version").GetInt64());
        Assert.Equal("rollback", rollback.GetProperty("source").GetString());
        Assert.Equal(1, rollback.GetProperty("rolledBackFrom").GetInt64());
        var serial = rollback.GetProperty("serial").GetInt64();
        Assert.Equal(replaced.GetProperty("serial").GetInt64() + 1, serial);
        var restored = await DownloadAsync(admin, workspace.Path, ct);
        var originalSerial = original.Json.GetProperty("serial").GetInt64();
        Assert.Equal(
            Encoding.UTF8.GetString(original.Bytes).Replace($"\"serial\": {originalSerial},", $"\"serial\": {serial},", StringComparison.Ordinal),
            Encoding.UTF8.GetString(restored.Bytes));
        Assert.Equal(original.Json.GetProperty("lineage").GetString(), restored.Json.GetProperty("lineage").GetString());

        var plan = await terraform.PlanAsync("one", ct);
        Assert.True(plan.ExitCode == 0, "terraform plan on the rolled-back state should find no changes: " + plan.Describe());
        Succeeded(await terraform.ApplyAsync("three", 0, ct));
        var after = (await VersionsAsync(workspace, ct))[0];
        Assert.Equal(4, after.GetProperty("version").GetInt64());
        Assert.True(after.GetProperty("serial").GetInt64() > serial);
    }

    [TerraformFact]
    public async Task ForceUnlock_AStuckLock_IsReleasedByAStateManagerAndTerraformRunsAgain()
    {
        var ct = TestTimeout.Token(180);
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync(Writer, ct);
        using var writer = server.Client(token);
        using var terraform = new TerraformCli(workspace.Address, token);
        Succeeded(await terraform.InitAsync(ct));
        var stuck = await HoldAStuckLockAsync(writer, workspace, ct);

        var blocked = await terraform.ApplyAsync("one", 0, ct);
        var writerForce = await writer.DeleteAsync(new Uri(workspace.Path + "/lock", UriKind.Relative), ct);
        var forced = await workspace.SendAsync(HttpMethod.Delete, "/lock", ct);

        Assert.NotEqual(0, blocked.ExitCode);
        Assert.Contains(stuck, blocked.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, writerForce.StatusCode);
        Assert.Equal(stuck, forced.GetProperty("ID").GetString());
        Assert.Equal("ghost@gone", forced.GetProperty("Who").GetString());
        Succeeded(await terraform.ApplyAsync("one", 0, ct));
        Assert.Single(await VersionsAsync(workspace, ct));
    }

    [TerraformFact]
    public async Task TerraformForceUnlock_AStuckLock_RefusedForAWriterAndReleasedForAStateManagerThenApplySucceeds()
    {
        var ct = TestTimeout.Token(180);
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync(Writer, ct);
        using var writer = server.Client(token);
        using var terraform = new TerraformCli(workspace.Address, token);
        using var manager = new TerraformCli(workspace.Address, server.AdminToken);
        Succeeded(await terraform.InitAsync(ct));
        Succeeded(await manager.InitAsync(ct));
        var stuck = await HoldAStuckLockAsync(writer, workspace, ct);

        // terraform's http backend sends UNLOCK with no body and no ID for force-unlock.
        var refused = await terraform.RunAsync(["force-unlock", "-force", "-no-color", stuck], ct);
        var stillHeld = await workspace.GetJsonAsync("/lock", ct);
        var forced = await manager.RunAsync(["force-unlock", "-force", "-no-color", stuck], ct);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("403", refused.Error, StringComparison.Ordinal);
        Assert.Equal(stuck, stillHeld.GetProperty("ID").GetString());
        Succeeded(forced);
        Assert.Contains("successfully unlocked", forced.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri(workspace.Path + "/lock", UriKind.Relative), ct)).StatusCode);
        Succeeded(await terraform.ApplyAsync("one", 0, ct));
        Assert.Single(await VersionsAsync(workspace, ct));
    }

    [TerraformFact]
    public async Task Apply_ThroughAnAddressNamingAJob_RecordsTheJobOnTheVersion()
    {
        var ct = TestTimeout.Token(120);
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync(Writer, ct);
        using var terraform = new TerraformCli(new Uri(workspace.Address + "?jobId=job-7"), token);

        Succeeded(await terraform.InitAsync(ct));
        Succeeded(await terraform.ApplyAsync("one", 0, ct));

        var version = Assert.Single(await VersionsAsync(workspace, ct));
        Assert.Equal("job", version.GetProperty("source").GetString());
        Assert.Equal("job-7", version.GetProperty("jobId").GetString());
    }

    [TerraformFact]
    public async Task Apply_LockingWithPost_SharesTheLockWithTheLockMethod()
    {
        var ct = TestTimeout.Token(120);
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync(Writer, ct);
        using var writer = server.Client(token);
        using var terraform = new TerraformCli(workspace.Address, token, lockWithPost: true);
        Succeeded(await terraform.InitAsync(ct));
        Succeeded(await terraform.ApplyAsync("one", 0, ct));
        var held = "held-" + Guid.NewGuid().ToString("N");
        using (var lockRequest = new HttpRequestMessage(new HttpMethod("LOCK"), workspace.Path) { Content = new StringContent($$"""{"ID":"{{held}}"}""") })
        {
            Assert.Equal(HttpStatusCode.OK, (await writer.SendAsync(lockRequest, ct)).StatusCode);
        }

        var blocked = await terraform.ApplyAsync("two", 0, ct);
        using (var unlockRequest = new HttpRequestMessage(new HttpMethod("UNLOCK"), workspace.Path) { Content = new StringContent($$"""{"ID":"{{held}}"}""") })
        {
            Assert.Equal(HttpStatusCode.OK, (await writer.SendAsync(unlockRequest, ct)).StatusCode);
        }

        Assert.NotEqual(0, blocked.ExitCode);
        Assert.Contains(held, blocked.Error, StringComparison.Ordinal);
        Succeeded(await terraform.ApplyAsync("two", 0, ct));
        Assert.Equal(2, (await VersionsAsync(workspace, ct)).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri(workspace.Path + "/lock", UriKind.Relative), ct)).StatusCode);
    }

    [TerraformFact]
    public async Task Init_WithoutCredentials_FailsAsUnauthenticated()
    {
        var ct = TestTimeout.Token(120);
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        using var terraform = new TerraformCli(workspace.Address, token: null);
        using var anonymous = server.Client(token: null);

        var init = await terraform.InitAsync(ct);

        Assert.NotEqual(0, init.ExitCode);
        Assert.Contains("requires auth", init.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(workspace.Path, UriKind.Relative), ct)).StatusCode);
    }

    [TerraformFact]
    public async Task Apply_WithATokenThatMayOnlyReadState_IsForbiddenAndWritesNothing()
    {
        var ct = TestTimeout.Token(120);
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync([PermissionNames.StateRead], ct);
        using var terraform = new TerraformCli(workspace.Address, token);

        Succeeded(await terraform.InitAsync(ct));
        var apply = await terraform.ApplyAsync("one", 0, ct);

        Assert.NotEqual(0, apply.ExitCode);
        Assert.Contains("invalid auth", apply.Error, StringComparison.Ordinal);
        Assert.Empty(await VersionsAsync(workspace, ct));
    }

    [TerraformFact]
    public async Task StatePushForce_OtherLineage_RefusedForAWriterAndTakenFromAManagerWithForceInTheAddress()
    {
        var ct = TestTimeout.Token(240);
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync(Writer, ct);
        using var terraform = new TerraformCli(workspace.Address, token);
        Succeeded(await terraform.InitAsync(ct));
        Succeeded(await terraform.ApplyAsync("one", 0, ct));
        Succeeded(await terraform.RunAsync(["apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color", "-var=label=one"], ct));
        var current = await DownloadAsync(admin, workspace.Path, ct);
        var lineage = current.Json.GetProperty("lineage").GetString()!;
        var otherLineage = Guid.NewGuid().ToString();
        var foreign = Path.Combine(terraform.WorkingDirectory, "foreign.tfstate");
        await File.WriteAllTextAsync(foreign, Encoding.UTF8.GetString(current.Bytes).Replace(lineage, otherLineage, StringComparison.Ordinal), ct);

        // terraform's http backend sends -force's state like any other, so only the address can ask for a forced write.
        var refused = await terraform.RunAsync(["state", "push", "-force", "-no-color", foreign], ct);
        using var manager = new TerraformCli(new Uri(workspace.Address + "?force=true"), server.AdminToken);
        Succeeded(await manager.InitAsync(ct));
        var forced = await manager.RunAsync(["state", "push", "-force", "-no-color", foreign], ct);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("409", refused.Error, StringComparison.Ordinal);
        Succeeded(forced);
        var replaced = await DownloadAsync(admin, workspace.Path, ct);
        Assert.Equal(otherLineage, replaced.Json.GetProperty("lineage").GetString());

        // The writer's next run reads the replaced state and carries on from it.
        Succeeded(await terraform.ApplyAsync("two", 0, ct));
        var after = await DownloadAsync(admin, workspace.Path, ct);
        Assert.Equal(otherLineage, after.Json.GetProperty("lineage").GetString());
        Assert.Equal("two", Output(after.Json));
        Assert.True(after.Json.GetProperty("serial").GetInt64() > replaced.Json.GetProperty("serial").GetInt64());
    }

    // A lock taken as terraform takes it, by a run that died: only a force-unlock releases it.
    private static async Task<string> HoldAStuckLockAsync(HttpClient writer, StateTestWorkspace workspace, CancellationToken cancellationToken)
    {
        var stuck = "stuck-" + Guid.NewGuid().ToString("N");
        using var lockRequest = new HttpRequestMessage(new HttpMethod("LOCK"), workspace.Path) { Content = new StringContent($$"""{"ID":"{{stuck}}","Operation":"OperationTypeApply","Who":"ghost@gone"}""") };
        using var response = await writer.SendAsync(lockRequest, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return stuck;
    }

    private static void Succeeded(TerraformResult result) => Assert.True(result.ExitCode == 0, result.Describe());

    private static string? Output(JsonElement state) => state.GetProperty("outputs").GetProperty("label").GetProperty("value").GetString();

    private static async Task<List<JsonElement>> VersionsAsync(StateTestWorkspace workspace, CancellationToken cancellationToken) =>
        (await workspace.GetJsonAsync("/versions", cancellationToken)).GetProperty("items").EnumerateArray().ToList();

    private static async Task<(byte[] Bytes, JsonElement Json, string? ContentMd5, string? FileName)> DownloadAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        var md5 = response.Content.Headers.ContentMD5 is { } hash ? Convert.ToBase64String(hash) : null;
        return (bytes, JsonDocument.Parse(bytes).RootElement.Clone(), md5, response.Content.Headers.ContentDisposition?.FileName);
    }

    /// <summary>Polls the lock until cancelled and returns every distinct holder id seen.</summary>
    private static async Task<HashSet<string>> WatchLockHoldersAsync(HttpClient admin, string path, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (true)
            {
                using var response = await admin.GetAsync(new Uri(path + "/lock", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var held = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;
                    seen.Add(held.GetProperty("ID").GetString()!);
                }

                await Task.Delay(50, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            return seen;
        }
    }
}
