using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stratus.Testing;
using Stratus.Testing.Archives;

namespace Stratus.Api.Tests.Infra.Tfe;

/// <summary>The TFE API's endpoints in-process, as go-tfe calls them, including the errors terraform shows for bad input.</summary>
public sealed class TfeApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    private const string Config = """resource "terraform_data" "x" { input = "one" }""";

    [Fact]
    public async Task Ping_WithoutCredentials_AnswersTheApiVersionHeaders()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient(token: null);

        using var response = await client.GetAsync(new Uri(TfeClient.Base + "ping", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("2.5", response.Headers.GetValues("TFP-API-Version").Single());
        Assert.Equal("Stratus", response.Headers.GetValues("TFP-AppName").Single());
    }

    [Fact]
    public async Task Entitlements_KnownAndUnknownOrganization_AllowOperationsOr404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var tfe = new TfeClient(client);
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);

        var known = await tfe.OkAsync(HttpMethod.Get, $"organizations/{org}/entitlement-set", null, ct);
        var (unknown, _) = await tfe.SendAsync(HttpMethod.Get, "organizations/no-such-org/entitlement-set", null, ct);

        Assert.Equal("entitlement-sets", known.GetProperty("data").GetProperty("type").GetString());
        Assert.True(known.GetProperty("data").GetProperty("attributes").GetProperty("operations").GetBoolean());
        Assert.True(known.GetProperty("data").GetProperty("attributes").GetProperty("state-storage").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task CreateAndShowWorkspace_ByName_IsTheStratusWorkspace()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var tfe = new TfeClient(client);
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);

        var id = await tfe.CreateWorkspaceAsync(org, "dev", ct);
        var shown = await tfe.OkAsync(HttpMethod.Get, $"organizations/{org}/workspaces/dev", null, ct);
        var stratus = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/dev", ct);
        var (missing, _) = await tfe.SendAsync(HttpMethod.Get, $"organizations/{org}/workspaces/nope", null, ct);

        var attributes = shown.GetProperty("data").GetProperty("attributes");
        Assert.Equal(id, shown.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal("dev", attributes.GetProperty("name").GetString());
        Assert.Equal("latest", attributes.GetProperty("terraform-version").GetString());
        Assert.True(attributes.GetProperty("permissions").GetProperty("can-queue-run").GetBoolean());
        Assert.False(attributes.GetProperty("locked").GetBoolean());
        Assert.Equal("dev", stratus.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Theory]
    [InlineData("""{"data": {"type": "workspaces", "attributes": {"name": "Bad Name"}}}""", "/data/attributes/name", "workspace name")]
    [InlineData("""{"data": {"type": "runs", "attributes": {"name": "ok"}}}""", "/data/type", "\"workspaces\"")]
    [InlineData("""{"name": "ok"}""", "/data", "JSON:API")]
    [InlineData("""{"data": """, "/", "not valid JSON")]
    public async Task CreateWorkspace_InvalidDocument_Returns422NamingThePart(string json, string pointer, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var tfe = new TfeClient(client);
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);

        var (status, body) = await tfe.SendAsync(HttpMethod.Post, $"organizations/{org}/workspaces", json, ct);
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces", ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(pointer, body.GetProperty("errors")[0].GetProperty("source").GetProperty("pointer").GetString());
        Assert.Contains(expected, TfeClient.ErrorDetail(body), StringComparison.Ordinal);
        Assert.Contains(expected, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task LockAndUnlock_TwiceEach_SecondIsConflict()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var tfe = new TfeClient(client);
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        var id = await tfe.CreateWorkspaceAsync(org, "dev", ct);

        var locked = await tfe.OkAsync(HttpMethod.Post, $"workspaces/{id}/actions/lock", """{"reason": "state push"}""", ct);
        var stratus = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/dev", ct);
        var (again, _) = await tfe.SendAsync(HttpMethod.Post, $"workspaces/{id}/actions/lock", null, ct);
        var unlocked = await tfe.OkAsync(HttpMethod.Post, $"workspaces/{id}/actions/unlock", null, ct);
        var (unlockAgain, body) = await tfe.SendAsync(HttpMethod.Post, $"workspaces/{id}/actions/unlock", null, ct);
        var (badId, _) = await tfe.SendAsync(HttpMethod.Post, "workspaces/ws-nonsense!/actions/lock", null, ct);

        Assert.True(locked.GetProperty("data").GetProperty("attributes").GetProperty("locked").GetBoolean());
        Assert.True(stratus.GetProperty("locked").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.False(unlocked.GetProperty("data").GetProperty("attributes").GetProperty("locked").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, unlockAgain);
        Assert.Contains("not locked", TfeClient.ErrorDetail(body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, badId);
    }

    [Fact]
    public async Task Upload_HostileThenValidThenReplayed_RefusedStoredThenConflict()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var tfe = new TfeClient(client);
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        var id = await tfe.CreateWorkspaceAsync(org, "dev", ct);
        var (cv, upload) = await tfe.CreateConfigurationVersionAsync(id, speculative: true, ct);

        var hostile = await tfe.UploadAsync(upload, HostileArchives.WithFile("../escape.tf").ToArray(), ct);
        var afterHostile = await tfe.OkAsync(HttpMethod.Get, $"configuration-versions/{cv}", null, ct);
        var wrongSecret = await tfe.UploadAsync(upload[..upload.LastIndexOf('/')] + "/not-the-secret", TarGz.Create(("main.tf", Config)), ct);
        var valid = await tfe.UploadAsync(upload, TarGz.Create(("main.tf", Config)), ct);
        var uploaded = await tfe.OkAsync(HttpMethod.Get, $"configuration-versions/{cv}", null, ct);
        var replay = await tfe.UploadAsync(upload, TarGz.Create(("main.tf", "# replaced")), ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, hostile);
        Assert.Equal("pending", afterHostile.GetProperty("data").GetProperty("attributes").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, wrongSecret);
        Assert.Equal(HttpStatusCode.OK, valid);
        Assert.Equal("uploaded", uploaded.GetProperty("data").GetProperty("attributes").GetProperty("status").GetString());
        Assert.True(uploaded.GetProperty("data").GetProperty("attributes").GetProperty("speculative").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, replay);
    }

    [Fact]
    public async Task CreateRun_BadInput_Returns4xxAndQueuesNoJob()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var tfe = new TfeClient(client);
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        var id = await tfe.CreateWorkspaceAsync(org, "dev", ct);
        var (pending, _) = await tfe.CreateConfigurationVersionAsync(id, speculative: true, ct);
        var (cv, upload) = await tfe.CreateConfigurationVersionAsync(id, speculative: false, ct);
        Assert.Equal(HttpStatusCode.OK, await tfe.UploadAsync(upload, TarGz.Create(("main.tf", Config)), ct));

        var noVersion = await tfe.SendAsync(HttpMethod.Post, "runs", TfeClient.RunBody(id, null), ct);
        var notUploaded = await tfe.SendAsync(HttpMethod.Post, "runs", TfeClient.RunBody(id, pending), ct);
        var targets = await tfe.SendAsync(HttpMethod.Post, "runs", TfeClient.RunBody(id, cv, """{"target-addrs": ["terraform_data.x"]}"""), ct);
        var destroyAuto = await tfe.SendAsync(HttpMethod.Post, "runs", TfeClient.RunBody(id, cv, """{"is-destroy": true, "auto-apply": true}"""), ct);
        var unknownWorkspace = await tfe.SendAsync(HttpMethod.Post, "runs", TfeClient.RunBody("ws-bm8tc3VjaA", cv), ct);
        await tfe.OkAsync(HttpMethod.Post, $"workspaces/{id}/actions/lock", """{"reason": "change freeze"}""", ct);
        var locked = await tfe.SendAsync(HttpMethod.Post, "runs", TfeClient.RunBody(id, cv), ct);
        await tfe.OkAsync(HttpMethod.Post, $"workspaces/{id}/actions/unlock", null, ct);
        var jobs = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/dev/jobs", ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noVersion.Status);
        Assert.Equal("/data/relationships/configuration-version", noVersion.Body.GetProperty("errors")[0].GetProperty("source").GetProperty("pointer").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notUploaded.Status);
        Assert.Contains("not been uploaded", TfeClient.ErrorDetail(notUploaded.Body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, targets.Status);
        Assert.Contains("-target", TfeClient.ErrorDetail(targets.Body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, destroyAuto.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknownWorkspace.Status);
        Assert.Equal(HttpStatusCode.Conflict, locked.Status);
        Assert.Contains("change freeze", TfeClient.ErrorDetail(locked.Body), StringComparison.Ordinal);
        Assert.Equal(0, jobs.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task CreateRun_Speculative_IsAPlanJobWithAFramedLogUntilCancelled()
    {
        var ct = TestTimeout.Token(120);
        using var client = api.CreateClient();
        var tfe = new TfeClient(client);
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        var id = await tfe.CreateWorkspaceAsync(org, "dev", ct);
        var (cv, upload) = await tfe.CreateConfigurationVersionAsync(id, speculative: true, ct);
        Assert.Equal(HttpStatusCode.OK, await tfe.UploadAsync(upload, TarGz.Create(("main.tf", Config)), ct));

        var run = (await tfe.OkAsync(HttpMethod.Post, "runs", TfeClient.RunBody(id, cv, """{"message": "from the test", "refresh": true, "variables": []}"""), ct)).GetProperty("data");
        var runId = run.GetProperty("id").GetString()!;
        var planId = run.GetProperty("relationships").GetProperty("plan").GetProperty("data").GetProperty("id").GetString()!;
        var job = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/dev/jobs", ct)).GetProperty("items")[0];
        var plan = (await tfe.OkAsync(HttpMethod.Get, $"plans/{planId}", null, ct)).GetProperty("data");
        var logPath = new Uri(plan.GetProperty("attributes").GetProperty("log-read-url").GetString()!).AbsolutePath;
        var badOffset = await tfe.SendAsync(HttpMethod.Get, logPath + "?offset=-1&limit=10", null, ct);
        var forged = await tfe.SendAsync(HttpMethod.Get, $"plans/{planId}/logs/sv1:k:AAAA", null, ct);
        var badRun = await tfe.SendAsync(HttpMethod.Get, "runs/run-bm9wZQ", null, ct);
        var notConfirmable = await tfe.SendAsync(HttpMethod.Post, $"runs/{runId}/actions/apply", null, ct);
        var cancelled = await tfe.SendAsync(HttpMethod.Post, $"runs/{runId}/actions/cancel", null, ct);
        var ended = await Poll.UntilAsync(
            async () => (await tfe.OkAsync(HttpMethod.Get, $"runs/{runId}", null, ct)).GetProperty("data").GetProperty("attributes").GetProperty("status").GetString(),
            s => s is "canceled" or "errored" or "planned_and_finished",
            "the cancelled run to end",
            ct);
        using var anonymous = api.CreateClient(token: null);
        using var logs = await anonymous.GetAsync(new Uri(logPath + "?limit=1048576&offset=0", UriKind.Relative), ct);
        var log = await logs.Content.ReadAsByteArrayAsync(ct);

        Assert.Equal("pending", run.GetProperty("attributes").GetProperty("status").GetString());
        Assert.True(run.GetProperty("attributes").GetProperty("plan-only").GetBoolean());
        Assert.Equal("plan", job.GetProperty("template").GetString());
        Assert.Equal("TFE", job.GetProperty("via").GetString());
        Assert.StartsWith("https://", plan.GetProperty("attributes").GetProperty("log-read-url").GetString()!.Replace("http://", "https://", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badOffset.Status);
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        Assert.Equal(HttpStatusCode.NotFound, badRun.Status);
        Assert.Equal(HttpStatusCode.Conflict, notConfirmable.Status);
        Assert.Equal(HttpStatusCode.Accepted, cancelled.Status);
        Assert.Equal("canceled", ended);
        Assert.Equal(2, log[0]);
        Assert.Equal(3, log[^1]);
    }

    [Fact]
    public async Task CreateStateVersion_OnlyUnderTheCallersLock_ThenCurrentAndDownload()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var tfe = new TfeClient(client);
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        var id = await tfe.CreateWorkspaceAsync(org, "dev", ct);
        var state = """{"version": 4, "terraform_version": "1.11.0", "serial": 3, "lineage": "5e1c0d1a-aaaa-bbbb-cccc-000000000001", "outputs": {}, "resources": []}""";
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(state));
        var md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(state)));
        var body = TfeClient.Data("state-versions", $$"""{"serial": 3, "md5": "{{md5}}", "lineage": "5e1c0d1a-aaaa-bbbb-cccc-000000000001", "state": "{{encoded}}"}""");

        var noState = await tfe.SendAsync(HttpMethod.Get, $"workspaces/{id}/current-state-version", null, ct);
        var unlocked = await tfe.SendAsync(HttpMethod.Post, $"workspaces/{id}/state-versions", body, ct);
        await tfe.OkAsync(HttpMethod.Post, $"workspaces/{id}/actions/lock", null, ct);
        var metadataOnly = await tfe.SendAsync(HttpMethod.Post, $"workspaces/{id}/state-versions", TfeClient.Data("state-versions", """{"serial": 3, "md5": "00"}"""), ct);
        var notBase64 = await tfe.SendAsync(HttpMethod.Post, $"workspaces/{id}/state-versions", TfeClient.Data("state-versions", """{"serial": 3, "state": "%%%"}"""), ct);
        var notState = await tfe.SendAsync(HttpMethod.Post, $"workspaces/{id}/state-versions", TfeClient.Data("state-versions", $$"""{"serial": 3, "state": "{{Convert.ToBase64String("[1]"u8.ToArray())}}"}"""), ct);
        var created = await tfe.SendAsync(HttpMethod.Post, $"workspaces/{id}/state-versions", body, ct);
        await tfe.OkAsync(HttpMethod.Post, $"workspaces/{id}/actions/unlock", null, ct);
        var current = (await tfe.OkAsync(HttpMethod.Get, $"workspaces/{id}/current-state-version", null, ct)).GetProperty("data");
        var download = await client.GetStringAsync(new Uri(current.GetProperty("attributes").GetProperty("hosted-state-download-url").GetString()!).PathAndQuery, ct);
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/dev/state/versions", ct);

        Assert.Equal(HttpStatusCode.NotFound, noState.Status);
        Assert.Equal(HttpStatusCode.Conflict, unlocked.Status);
        Assert.Contains("Lock workspace", TfeClient.ErrorDetail(unlocked.Body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, metadataOnly.Status);
        Assert.Contains("param is missing or the value is empty: state", TfeClient.ErrorDetail(metadataOnly.Body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notBase64.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notState.Status);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(3, current.GetProperty("attributes").GetProperty("serial").GetInt64());
        Assert.Equal(state, download);
        Assert.Equal("tfe", history.GetProperty("items")[0].GetProperty("source").GetString());
    }
}
