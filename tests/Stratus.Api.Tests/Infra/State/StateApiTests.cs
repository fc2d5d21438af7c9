using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Stratus.Identity.Authorization;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.State;

/// <summary>The state endpoints over HTTP as terraform's http backend (and an operator) call them, without terraform.</summary>
public sealed class StateApiTests(StateApiServer server) : IClassFixture<StateApiServer>
{
    private static readonly string[] Writer = [PermissionNames.StateRead, PermissionNames.StateWrite];

    [Fact]
    public async Task EveryStateEndpoint_UnknownOrganizationOrWorkspace_Is404()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var paths = new[] { $"api/v1/organizations/{workspace.Organization}/workspaces/nothing-here/state", "api/v1/organizations/no-such-org/workspaces/net/state" };
        var calls = new (string Method, string Suffix)[]
        {
            ("GET", ""), ("POST", ""), ("DELETE", ""), ("LOCK", ""), ("UNLOCK", ""), ("GET", "/lock"), ("DELETE", "/lock"),
            ("GET", "/versions"), ("GET", "/versions/1"), ("GET", "/versions/1/content"), ("POST", "/versions/1/rollback"),
        };

        foreach (var path in paths)
        {
            foreach (var (method, suffix) in calls)
            {
                var (status, body) = await SendAsync(admin, method, path + suffix, """{"ID":"x","version":4,"serial":1,"lineage":"l"}""", ct);
                Assert.True(status == HttpStatusCode.NotFound, $"{method} {path}{suffix}: {(int)status} {body}");
                Assert.Contains("There is no workspace", body, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Get_DeletedWorkspace_Is404()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        await SendAsync(admin, "POST", workspace.Path, State(1, "l1"), ct);

        var (deleted, text) = await SendAsync(admin, "DELETE", $"api/v1/organizations/{workspace.Organization}/workspaces/{workspace.Name}", null, ct);
        var (status, body) = await SendAsync(admin, "GET", workspace.Path, null, ct);

        Assert.True(deleted is HttpStatusCode.NoContent or HttpStatusCode.OK, text);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("There is no workspace", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NewWorkspace_Is404WhichTerraformReadsAsNoState()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);

        var (status, body) = await SendAsync(admin, "GET", workspace.Path, null, ct);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("No state", JsonDocument.Parse(body).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Post_WithBasicAuthToken_StoresAndServesTheStateWithItsMd5()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync(Writer, ct);
        using var basic = server.Client(token: null);
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"terraform:{token}")));
        var state = State(1, "lineage-a");

        using var post = new HttpRequestMessage(HttpMethod.Post, workspace.Path) { Content = new StringContent(state, Encoding.UTF8, "application/json") };
        post.Content.Headers.ContentMD5 = MD5.HashData(Encoding.UTF8.GetBytes(state));
        using var posted = await basic.SendAsync(post, ct);
        using var got = await basic.GetAsync(new Uri(workspace.Path, UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.EndsWith($"/state/versions/1", posted.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal(state, await got.Content.ReadAsStringAsync(ct));
        Assert.Equal(MD5.HashData(Encoding.UTF8.GetBytes(state)), got.Content.Headers.ContentMD5);
        Assert.Equal("1", got.Headers.GetValues("X-Stratus-State-Version").Single());
    }

    [Fact]
    public async Task Post_SameStateTwice_AddsOneVersion()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);

        var (first, _) = await SendAsync(admin, "POST", workspace.Path, State(1, "l"), ct);
        var (second, body) = await SendAsync(admin, "POST", workspace.Path, State(1, "l"), ct);

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal(1, JsonDocument.Parse(body).RootElement.GetProperty("version").GetInt64());
        Assert.Single((await workspace.GetJsonAsync("/versions", ct)).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("{\"version\": 4, \"serial\": \"1\", \"lineage\": \"l\"}")]
    public async Task Post_NotATerraformState_Is400(string body)
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);

        var (status, text) = await SendAsync(admin, "POST", workspace.Path, body, ct);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"detail\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithABadJobId_Is400()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);

        var (status, text) = await SendAsync(admin, "POST", workspace.Path + "?jobId=" + Uri.EscapeDataString("a b"), State(1, "l"), ct);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("job id", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_DamagedUpload_Is400ForTheMd5()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        using var post = new HttpRequestMessage(HttpMethod.Post, workspace.Path) { Content = new StringContent(State(1, "l"), Encoding.UTF8, "application/json") };
        post.Content.Headers.ContentMD5 = new byte[16];

        using var response = await admin.SendAsync(post, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Content-MD5", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OverTheStateLimit_Is413()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var padding = new string(' ', (int)StateApiServer.MaxStateBytes);

        var (status, text) = await SendAsync(admin, "POST", workspace.Path, State(1, "l") + padding, ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("\"detail\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lock_WhenHeld_Is423WithTheHoldersLockInfoAndOnlyTheHolderWritesAndUnlocks()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (user, token) = await workspace.UserWithAsync(Writer, ct);
        using var writer = server.Client(token);
        var holder = Guid.NewGuid().ToString();
        var lockInfo = $$"""{"ID":"{{holder}}","Operation":"OperationTypeApply","Info":"","Who":"alice@laptop","Version":"1.11.4","Created":"2026-01-02T03:04:05.123456789Z","Path":""}""";

        var (locked, lockBody) = await SendAsync(writer, "LOCK", workspace.Path, lockInfo, ct);
        var (again, _) = await SendAsync(writer, "LOCK", workspace.Path, lockInfo, ct);
        var (refused, refusal) = await SendAsync(admin, "LOCK", workspace.Path, $$"""{"ID":"{{Guid.NewGuid()}}"}""", ct);
        var (writeWithoutId, _) = await SendAsync(admin, "POST", workspace.Path, State(1, "l"), ct);
        var (writeWrongId, _) = await SendAsync(admin, "POST", workspace.Path + "?ID=" + Guid.NewGuid(), State(1, "l"), ct);
        var (writeHolder, _) = await SendAsync(writer, "POST", workspace.Path + "?ID=" + holder, State(1, "l"), ct);
        var (unlockWrong, unlockRefusal) = await SendAsync(admin, "UNLOCK", workspace.Path, $$"""{"ID":"{{Guid.NewGuid()}}"}""", ct);
        var (unlocked, unlockBody) = await SendAsync(writer, "UNLOCK", workspace.Path, lockInfo, ct);
        var (unlockAgain, unlockAgainBody) = await SendAsync(writer, "UNLOCK", workspace.Path, lockInfo, ct);
        var (lateWrite, _) = await SendAsync(writer, "POST", workspace.Path + "?ID=" + holder, State(2, "l"), ct);

        Assert.Equal(HttpStatusCode.OK, locked);
        Assert.Equal(holder, JsonDocument.Parse(lockBody).RootElement.GetProperty("ID").GetString());
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(HttpStatusCode.Locked, refused);
        var info = JsonDocument.Parse(refusal).RootElement;
        Assert.Equal(holder, info.GetProperty("ID").GetString());
        Assert.Equal("alice@laptop", info.GetProperty("Who").GetString());
        Assert.Equal("OperationTypeApply", info.GetProperty("Operation").GetString());
        Assert.Equal("2026-01-02T03:04:05.123456789Z", info.GetProperty("Created").GetString());
        Assert.Equal($"user:{user}", info.GetProperty("LockedBy").GetString());
        Assert.Equal(423, info.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.Locked, writeWithoutId);
        Assert.Equal(HttpStatusCode.Locked, writeWrongId);
        Assert.Equal(HttpStatusCode.Created, writeHolder);
        Assert.Equal(HttpStatusCode.Locked, unlockWrong);
        Assert.Equal(holder, JsonDocument.Parse(unlockRefusal).RootElement.GetProperty("ID").GetString());
        Assert.Equal(HttpStatusCode.OK, unlocked);
        Assert.True(JsonDocument.Parse(unlockBody).RootElement.GetProperty("released").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, unlockAgain);
        Assert.False(JsonDocument.Parse(unlockAgainBody).RootElement.GetProperty("released").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, lateWrite);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"ID\": 7}")]
    [InlineData("[")]
    public async Task LockOrUnlock_BodyWithoutAnId_Is400ButAnEmptyUnlockIsAForceUnlock(string body)
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);

        var (locked, _) = await SendAsync(admin, "LOCK", workspace.Path, body, ct);
        var (unlocked, _) = await SendAsync(admin, "UNLOCK", workspace.Path, body, ct);

        Assert.Equal(HttpStatusCode.BadRequest, locked);
        Assert.Equal(body.Length == 0 ? HttpStatusCode.OK : HttpStatusCode.BadRequest, unlocked);
    }

    [Fact]
    public async Task LockEndpoint_ReadAndForceUnlock_NeedTheirPermissions()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync(Writer, ct);
        using var writer = server.Client(token);

        var (unlockedRead, _) = await SendAsync(writer, "GET", workspace.Path + "/lock", null, ct);
        await SendAsync(writer, "LOCK", workspace.Path, """{"ID":"mine"}""", ct);
        var (lockedRead, lockBody) = await SendAsync(writer, "GET", workspace.Path + "/lock", null, ct);
        var (writerForce, _) = await SendAsync(writer, "DELETE", workspace.Path + "/lock", null, ct);
        var (adminForce, _) = await SendAsync(admin, "DELETE", workspace.Path + "/lock", null, ct);
        var (forceAgain, _) = await SendAsync(admin, "DELETE", workspace.Path + "/lock", null, ct);

        Assert.Equal(HttpStatusCode.NotFound, unlockedRead);
        Assert.Equal(HttpStatusCode.OK, lockedRead);
        Assert.Equal("mine", JsonDocument.Parse(lockBody).RootElement.GetProperty("ID").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, writerForce);
        Assert.Equal(HttpStatusCode.OK, adminForce);
        Assert.Equal(HttpStatusCode.NotFound, forceAgain);
    }

    [Theory]
    [InlineData("UNLOCK", "")]
    [InlineData("POST", "/unlock")]
    public async Task Unlock_NamingNoLock_ForceUnlocksForAStateManagerOnly(string method, string suffix)
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync(Writer, ct);
        using var writer = server.Client(token);
        await SendAsync(writer, "LOCK", workspace.Path, """{"ID":"held-by-a-dead-run"}""", ct);

        // What terraform force-unlock sends through the http backend: no body, no ?ID=.
        var (writerStatus, writerBody) = await SendAsync(writer, method, workspace.Path + suffix, null, ct);
        var (stillHeld, _) = await SendAsync(writer, "GET", workspace.Path + "/lock", null, ct);
        var (managerStatus, managerBody) = await SendAsync(admin, method, workspace.Path + suffix, null, ct);
        var (again, againBody) = await SendAsync(admin, method, workspace.Path + suffix, null, ct);

        Assert.Equal(HttpStatusCode.Forbidden, writerStatus);
        Assert.Contains("state.manage", JsonDocument.Parse(writerBody).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillHeld);
        Assert.Equal(HttpStatusCode.OK, managerStatus);
        var released = JsonDocument.Parse(managerBody).RootElement;
        Assert.True(released.GetProperty("released").GetBoolean());
        Assert.Equal("held-by-a-dead-run", released.GetProperty("lock").GetProperty("ID").GetString());
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.False(JsonDocument.Parse(againBody).RootElement.GetProperty("released").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(admin, "GET", workspace.Path + "/lock", null, ct)).Status);
    }

    [Theory]
    [InlineData("GET", null)]
    [InlineData("LOCK", "Basic")]
    [InlineData("UNLOCK", "Basic")]
    [InlineData("POST", "Basic")]
    [InlineData("GET", "Bearer")]
    public async Task StateBackend_WithoutValidCredentials_Is401ChallengingForBasicAndBearer(string method, string? scheme)
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        using var client = server.Client(token: null);
        var wrong = "stratus_pat_wrong" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(new HttpMethod(method), workspace.Path) { Content = new StringContent("""{"ID":"x"}""") };
        request.Headers.Authorization = scheme switch
        {
            "Basic" => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("stratus:" + wrong))),
            "Bearer" => new AuthenticationHeaderValue("Bearer", wrong),
            _ => null,
        };

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic" && h.Parameter == "realm=\"stratus\"");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer" && h.Parameter == "realm=\"stratus\"");
    }

    [Fact]
    public async Task Delete_KeepsHistoryForRollbackUntilPurged_AndNeedsStateManage()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync(Writer, ct);
        using var writer = server.Client(token);
        await SendAsync(admin, "POST", workspace.Path, State(4, "l"), ct);

        var (writerDelete, _) = await SendAsync(writer, "DELETE", workspace.Path, null, ct);
        var (deleted, deleteBody) = await SendAsync(admin, "DELETE", workspace.Path, null, ct);
        var (afterDelete, _) = await SendAsync(admin, "GET", workspace.Path, null, ct);
        var (deleteAgain, _) = await SendAsync(admin, "DELETE", workspace.Path, null, ct);
        var history = (await workspace.GetJsonAsync("/versions", ct)).GetProperty("items").EnumerateArray().ToList();
        var (rolledBack, rollbackBody) = await SendAsync(admin, "POST", workspace.Path + "/versions/1/rollback", null, ct);
        var (afterRollback, restored) = await SendAsync(admin, "GET", workspace.Path, null, ct);
        var (purged, purgeBody) = await SendAsync(admin, "DELETE", workspace.Path + "?purge=true", null, ct);

        Assert.Equal(HttpStatusCode.Forbidden, writerDelete);
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal(1, JsonDocument.Parse(deleteBody).RootElement.GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, afterDelete);
        Assert.Equal(HttpStatusCode.NotFound, deleteAgain);
        Assert.False(Assert.Single(history).GetProperty("current").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, rolledBack);
        Assert.Equal(5, JsonDocument.Parse(rollbackBody).RootElement.GetProperty("serial").GetInt64());
        Assert.Equal(HttpStatusCode.OK, afterRollback);
        Assert.Equal(5, JsonDocument.Parse(restored).RootElement.GetProperty("serial").GetInt64());
        Assert.Equal(HttpStatusCode.OK, purged);
        Assert.True(JsonDocument.Parse(purgeBody).RootElement.GetProperty("purged").GetBoolean());
        Assert.Empty((await workspace.GetJsonAsync("/versions", ct)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Rollback_NeedsStateManageAndAFreeLock()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync(Writer, ct);
        using var writer = server.Client(token);
        await SendAsync(admin, "POST", workspace.Path, State(1, "l"), ct);
        await SendAsync(admin, "POST", workspace.Path, State(2, "l"), ct);

        var (writerRollback, _) = await SendAsync(writer, "POST", workspace.Path + "/versions/1/rollback", null, ct);
        await SendAsync(writer, "LOCK", workspace.Path, """{"ID":"run-1","Who":"ci"}""", ct);
        var (whileLocked, lockedBody) = await SendAsync(admin, "POST", workspace.Path + "/versions/1/rollback", null, ct);
        var (missing, _) = await SendAsync(admin, "POST", workspace.Path + "/versions/9/rollback", null, ct);
        var (notANumber, _) = await SendAsync(admin, "POST", workspace.Path + "/versions/latest/rollback", null, ct);

        Assert.Equal(HttpStatusCode.Forbidden, writerRollback);
        Assert.Equal(HttpStatusCode.Locked, whileLocked);
        Assert.Equal("run-1", JsonDocument.Parse(lockedBody).RootElement.GetProperty("ID").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(HttpStatusCode.NotFound, notANumber);
    }

    [Fact]
    public async Task Post_OtherLineage_Is409ThatExplainsAndNamesTheCurrentState()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync(Writer, ct);
        using var writer = server.Client(token);
        await SendAsync(writer, "POST", workspace.Path, State(3, "lineage-a"), ct);

        var (status, body) = await SendAsync(writer, "POST", workspace.Path, State(7, "lineage-b"), ct);
        var problem = JsonDocument.Parse(body).RootElement;
        var current = await workspace.GetJsonAsync("/versions/1", ct);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("State conflict", problem.GetProperty("title").GetString());
        Assert.Contains("lineage 'lineage-b' is not the workspace's 'lineage-a'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("lineage-a", problem.GetProperty("currentLineage").GetString());
        Assert.Equal(3, problem.GetProperty("currentSerial").GetInt64());
        Assert.True(current.GetProperty("current").GetBoolean());
        Assert.Single((await workspace.GetJsonAsync("/versions", ct)).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData(2, "lower than the current state's 3")]
    [InlineData(3, "content differs")]
    public async Task Post_LowerOrEqualSerialWithOtherContent_Is409(long serial, string expected)
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        await SendAsync(admin, "POST", workspace.Path, State(3, "l"), ct);

        var (status, body) = await SendAsync(admin, "POST", workspace.Path, State(serial, "l", output: "changed"), ct);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains(expected, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Force_NeedsStateManageAndThenReplacesTheState()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        var (_, token) = await workspace.UserWithAsync(Writer, ct);
        using var writer = server.Client(token);
        await SendAsync(writer, "POST", workspace.Path, State(5, "lineage-a"), ct);

        var (writerForce, writerBody) = await SendAsync(writer, "POST", workspace.Path + "?force=true", State(1, "lineage-b"), ct);
        var (managerForce, _) = await SendAsync(admin, "POST", workspace.Path + "?force=true", State(1, "lineage-b"), ct);
        var (_, stored) = await SendAsync(admin, "GET", workspace.Path, null, ct);

        Assert.Equal(HttpStatusCode.Forbidden, writerForce);
        Assert.Contains(PermissionNames.StateManage, JsonDocument.Parse(writerBody).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, managerForce);
        Assert.Equal("lineage-b", JsonDocument.Parse(stored).RootElement.GetProperty("lineage").GetString());
        Assert.Equal(1, JsonDocument.Parse(stored).RootElement.GetProperty("serial").GetInt64());
    }

    [Fact]
    public async Task Versions_Paged_WalkNewestFirstAndRefuseBadPaging()
    {
        var ct = TestTimeout.Token();
        using var admin = server.Client(server.AdminToken);
        var workspace = await StateTestWorkspace.CreateAsync(server, admin, ct);
        for (var serial = 1; serial <= 5; serial++)
        {
            await SendAsync(admin, "POST", workspace.Path, State(serial, "l"), ct);
        }

        var seen = new List<long>();
        string? continuation = null;
        do
        {
            var page = await workspace.GetJsonAsync("/versions?limit=2" + (continuation is null ? "" : "&continuation=" + continuation), ct);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("version").GetInt64()));
            continuation = page.GetProperty("continuation").GetString();
        }
        while (continuation is not null);

        var one = await workspace.GetJsonAsync("/versions/3", ct);
        Assert.Equal([5L, 4, 3, 2, 1], seen);
        Assert.Equal(3, one.GetProperty("serial").GetInt64());
        Assert.False(one.GetProperty("current").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(admin, "GET", workspace.Path + "/versions?limit=0", null, ct)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(admin, "GET", workspace.Path + "/versions?continuation=abc", null, ct)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(admin, "GET", workspace.Path + "/versions/6", null, ct)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(admin, "GET", workspace.Path + "/versions/6/content", null, ct)).Status);
    }

    private static string State(long serial, string lineage, string? output = null)
    {
        var outputs = output is null ? "{}" : "{\"o\": {\"value\": \"" + output + "\", \"type\": \"string\"}}";
        return $$"""{"version": 4, "terraform_version": "1.11.4", "serial": {{serial}}, "lineage": "{{lineage}}", "outputs": {{outputs}}, "resources": [], "check_results": null}""";
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, string method, string path, string? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");

            // The server may refuse an oversized body from its headers alone and close the connection; waiting for
            // its go-ahead means the client reads that answer instead of failing on a broken pipe mid-upload.
            request.Headers.ExpectContinue = true;
        }

        using var response = await client.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
