using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stratus.Testing;
using Stratus.Testing.Archives;

namespace Stratus.Api.Tests.Infra.Workspaces;

/// <remarks>Runs through both hosts: <see cref="WorkspacesApiStandaloneTests"/> and <see cref="WorkspacesApiAzureFunctionsTests"/>.</remarks>
public abstract class WorkspacesApiTests<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : class, IStratusApiHost
{
    [Fact]
    public async Task CreateWorkspace_GitSource_IsReadableWithItsSettings()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var infra = new InfraAdmin(client);
        var org = await infra.CreateOrganizationAsync(ct);

        var created = await infra.CreateWorkspaceAsync(org, new { name = "network", source = "https://github.com/acme/network.git", branch = "main", folder = "envs/prod", terraformVersion = "1.11.0", tags = new[] { "prod" } }, ct);
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/network", ct);

        Assert.StartsWith("ws-", created.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("git", read.GetProperty("sourceKind").GetString());
        Assert.Equal("envs/prod", read.GetProperty("folder").GetString());
        Assert.Equal("1.11.0", read.GetProperty("terraformVersion").GetString());
        Assert.Equal("terraform", read.GetProperty("iacType").GetString());
        Assert.False(read.GetProperty("locked").GetBoolean());
    }

    [Theory]
    [InlineData("{\"name\": \"Bad Name\"}", "workspace name")]
    [InlineData("{\"name\": \"ok\", \"source\": \"ftp://x/y\"}", "scheme 'ftp'")]
    [InlineData("{\"name\": \"ok\", \"source\": \"file:///etc\"}", "scheme 'file'")]
    [InlineData("{\"name\": \"ok\", \"source\": \"https://user:secret@host/r.git\"}", "password")]
    [InlineData("{\"name\": \"ok\", \"folder\": \"../../etc\"}", "folder")]
    [InlineData("{\"name\": \"ok\", \"iacType\": \"pulumi\"}", "iacType")]
    [InlineData("{\"name\": \"ok\", \"terraformVersion\": \"latest!\"}", "terraformVersion")]
    [InlineData("{\"name\": \"ok\", \"surprise\": 1}", "$.surprise")]
    [InlineData("{\"name\": ", "not valid JSON")]
    public async Task CreateWorkspace_InvalidRequest_Returns400NamingTheField(string json, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri($"/api/v1/organizations/{org}/workspaces", UriKind.Relative), content, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces", ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task CreateWorkspace_DuplicateOrUnknownOrganization_ConflictOrNotFound()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var infra = new InfraAdmin(client);
        var org = await infra.CreateOrganizationAsync(ct);
        await infra.CreateWorkspaceAsync(org, new { name = "dup" }, ct);

        using var duplicate = await client.PostAsJsonAsync($"/api/v1/organizations/{org}/workspaces", new { name = "dup" }, ct);
        using var unknownOrg = await client.PostAsJsonAsync("/api/v1/organizations/no-such-org/workspaces", new { name = "x" }, ct);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownOrg.StatusCode);
    }

    [Fact]
    public async Task LockAndUnlock_RecordReasonAndWho()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var infra = new InfraAdmin(client);
        var org = await infra.CreateOrganizationAsync(ct);
        await infra.CreateWorkspaceAsync(org, new { name = "w" }, ct);

        using var noReason = await client.PostAsJsonAsync($"/api/v1/organizations/{org}/workspaces/w/lock", new { }, ct);
        var locked = await infra.SendAsync(HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/w/lock", new { reason = "change freeze" }, ct);
        var unlocked = await infra.SendAsync(HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/w/unlock", null, ct);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True(locked.GetProperty("locked").GetBoolean());
        Assert.Equal("change freeze", locked.GetProperty("lockReason").GetString());
        Assert.Equal("user:admin", locked.GetProperty("lockedBy").GetString());
        Assert.False(unlocked.GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task DeleteWorkspace_IsSoftAndFreesTheName()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var infra = new InfraAdmin(client);
        var org = await infra.CreateOrganizationAsync(ct);
        var first = await infra.CreateWorkspaceAsync(org, new { name = "w" }, ct);

        await infra.SendAsync(HttpMethod.Delete, $"/api/v1/organizations/{org}/workspaces/w", null, ct);
        using var gone = await client.GetAsync(new Uri($"/api/v1/organizations/{org}/workspaces/w", UriKind.Relative), ct);
        var second = await infra.CreateWorkspaceAsync(org, new { name = "w" }, ct);

        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
    }

    [Fact]
    public async Task UploadSource_ValidArchive_BecomesTheWorkspaceSource()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var infra = new InfraAdmin(client);
        var org = await infra.CreateOrganizationAsync(ct);
        await infra.CreateWorkspaceAsync(org, new { name = "w" }, ct);
        using var content = new ByteArrayContent(TarGz.Create(("main.tf", "output \"x\" { value = 1 }\n")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");

        using var response = await client.PutAsync(new Uri($"/api/v1/organizations/{org}/workspaces/w/source", UriKind.Relative), content, ct);
        var workspace = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("upload", workspace.GetProperty("sourceKind").GetString());
    }

    [Theory]
    [InlineData("../evil.tf")]
    [InlineData("/etc/evil.tf")]
    [InlineData("a/../../evil.tf")]
    public async Task UploadSource_HostileArchive_IsRefusedAndNothingChanges(string entry)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var infra = new InfraAdmin(client);
        var org = await infra.CreateOrganizationAsync(ct);
        await infra.CreateWorkspaceAsync(org, new { name = "w" }, ct);
        using var content = new ByteArrayContent(TarGz.Create(("main.tf", "# ok"), (entry, "# evil")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");

        using var response = await client.PutAsync(new Uri($"/api/v1/organizations/{org}/workspaces/w/source", UriKind.Relative), content, ct);
        var workspace = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/w", ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("none", workspace.GetProperty("sourceKind").GetString());
        Assert.False(Directory.Exists(Path.Combine(api.DataPath, "blobs", "stratus-sources", org)));
    }

    [Fact]
    public async Task UploadSource_NotAnArchive_Returns400()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var infra = new InfraAdmin(client);
        var org = await infra.CreateOrganizationAsync(ct);
        await infra.CreateWorkspaceAsync(org, new { name = "w" }, ct);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("definitely not gzip"));

        using var response = await client.PutAsync(new Uri($"/api/v1/organizations/{org}/workspaces/w/source", UriKind.Relative), content, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UploadSource_GzipBomb_Returns400NamingTheEntryAndTheLimitAndNothingChanges()
    {
        var ct = TestTimeout.Token(180);
        using var client = api.CreateClient();
        var infra = new InfraAdmin(client);
        var org = await infra.CreateOrganizationAsync(ct);
        await infra.CreateWorkspaceAsync(org, new { name = "w" }, ct);
        var folder = Directory.CreateTempSubdirectory("stratus-bomb-").FullName;
        try
        {
            // Two files of 300 MiB of zeros, over the 256 MiB a file may have: refused at the first header, nothing written.
            var bomb = Path.Combine(folder, "bomb.tar.gz");
            HostileArchives.WriteGzipBomb(bomb, entries: 2, entryBytes: 300L * 1024 * 1024);
            using var content = new StreamContent(File.OpenRead(bomb));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");

            using var response = await client.PutAsync(new Uri($"/api/v1/organizations/{org}/workspaces/w/source", UriKind.Relative), content, ct);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var workspace = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/w", ct);

            Assert.True(new FileInfo(bomb).Length < 2 * 1024 * 1024, $"the bomb is {new FileInfo(bomb).Length} bytes");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var detail = problem.GetProperty("detail").GetString();
            Assert.Contains("'bomb-0.bin'", detail, StringComparison.Ordinal);
            Assert.Contains($"at most {256L * 1024 * 1024}", detail, StringComparison.Ordinal);
            Assert.Equal("none", workspace.GetProperty("sourceKind").GetString());
            Assert.False(Directory.Exists(Path.Combine(api.DataPath, "blobs", "stratus-sources", org)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("gnu-sparse", "'disk.img': sparse files are not supported")]
    [InlineData("pax-sparse", "'./GNUSparseFile.0/disk.img': sparse files are not supported")]
    [InlineData("long-name", "'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn")]
    [InlineData("gzip-of-noise", "not a valid gzip-compressed tar archive")]
    [InlineData("truncated", "not a valid gzip-compressed tar archive")]
    [InlineData("damaged-header", "not a valid gzip-compressed tar archive")]
    public async Task UploadSource_UnsupportedOrDamagedArchive_Returns400NamingItAndNothingChanges(string kind, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var infra = new InfraAdmin(client);
        var org = await infra.CreateOrganizationAsync(ct);
        await infra.CreateWorkspaceAsync(org, new { name = "w" }, ct);
        using var content = new ByteArrayContent(HostileArchives.Named(kind));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");

        using var response = await client.PutAsync(new Uri($"/api/v1/organizations/{org}/workspaces/w/source", UriKind.Relative), content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var workspace = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/w", ct);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("none", workspace.GetProperty("sourceKind").GetString());
        Assert.False(Directory.Exists(Path.Combine(api.DataPath, "blobs", "stratus-sources", org)));
    }

    [Fact]
    public async Task DeleteOrganization_WithWorkspaces_IsRefused()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var infra = new InfraAdmin(client);
        var org = await infra.CreateOrganizationAsync(ct);
        await infra.CreateWorkspaceAsync(org, new { name = "w" }, ct);

        using var response = await client.DeleteAsync(new Uri($"/api/v1/organizations/{org}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
