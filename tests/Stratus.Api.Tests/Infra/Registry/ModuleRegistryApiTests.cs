using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Tests.Identity;
using Stratus.Testing;
using Stratus.Testing.Archives;

namespace Stratus.Api.Tests.Infra.Registry;

/// <summary>The module registry protocol and the publish API, in process: what terraform asks and what publishers send.</summary>
public sealed class ModuleRegistryApiTests(ModuleRegistryApiFixture api) : IClassFixture<ModuleRegistryApiFixture>
{
    private const string Registry = "/api/registry/modules/v1";

    [Fact]
    public async Task Download_PublishedVersions_ListsThemNewestFirstAndServesTheCleanArchiveThroughASignedLink()
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        var org = await new InfraAdmin(admin).CreateOrganizationAsync(ct);
        await UploadAsync(admin, org, "1.0.0", TarGz.Create(("main.tf", "# one")), ct);
        await UploadAsync(admin, org, "v1.10.0", TarGz.Create(("main.tf", "# ten"), ("modules/sub/main.tf", "# sub")), ct);
        await UploadAsync(admin, org, "1.2.0-beta.1", TarGz.Create(("main.tf", "# beta")), ct);

        var versions = await admin.GetFromJsonAsync<JsonElement>($"{Registry}/{org}/network/azurerm/versions", ct);
        using var download = await admin.GetAsync(new Uri($"{Registry}/{org}/network/azurerm/1.10.0/download", UriKind.Relative), ct);
        var link = download.Headers.GetValues("X-Terraform-Get").Single();
        using var anonymous = api.CreateClient(token: null);
        using var archive = await anonymous.GetAsync(new Uri(link), ct);
        var files = await ReadTarGzAsync(await archive.Content.ReadAsByteArrayAsync(ct));
        using var tampered = await anonymous.GetAsync(new Uri(link.Replace("/1.10.0/", "/1.0.0/", StringComparison.Ordinal)), ct);
        using var unsigned = await anonymous.GetAsync(new Uri(link[..link.IndexOf('?', StringComparison.Ordinal)]), ct);

        var listed = versions.GetProperty("modules")[0];
        Assert.Equal($"{org}/network/azurerm", listed.GetProperty("source").GetString());
        Assert.Equal(["1.10.0", "1.2.0-beta.1", "1.0.0"], listed.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, download.StatusCode);
        Assert.Contains("/archives/", link, StringComparison.Ordinal);
        Assert.EndsWith(".tar.gz", new Uri(link).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        Assert.Equal("# ten", files["main.tf"]);
        Assert.Equal("# sub", files["modules/sub/main.tf"]);
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unsigned.StatusCode);
    }

    [Fact]
    public async Task Registry_CallersWithoutTokenOrPermission_Get401And403AndReadersGetOnlyTheirOrganizations()
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        var infra = new InfraAdmin(admin);
        var identity = new IdentityAdmin(admin);
        var readable = await infra.CreateOrganizationAsync(ct);
        var hidden = await infra.CreateOrganizationAsync(ct);
        await UploadAsync(admin, readable, "1.0.0", TarGz.Create(("main.tf", "#")), ct);
        await UploadAsync(admin, hidden, "1.0.0", TarGz.Create(("main.tf", "#")), ct);
        var user = "reader-" + Guid.NewGuid().ToString("N")[..8];
        var token = await identity.CreateUserWithTokenAsync(user, ct);
        var role = "module-reader-" + Guid.NewGuid().ToString("N")[..8];
        await identity.CreateRoleAsync(role, ["module.read"], ct);
        await identity.GrantAsync($"user:{user}", role, $"organization:{readable}", ct);
        using var anonymous = api.CreateClient(token: null);
        using var reader = api.CreateClient(token);

        using var noToken = await anonymous.GetAsync(new Uri($"{Registry}/{readable}/network/azurerm/versions", UriKind.Relative), ct);
        using var allowed = await reader.GetAsync(new Uri($"{Registry}/{readable}/network/azurerm/versions", UriKind.Relative), ct);
        using var refused = await reader.GetAsync(new Uri($"{Registry}/{hidden}/network/azurerm/1.0.0/download", UriKind.Relative), ct);
        using var publish = await reader.PutAsync(new Uri($"/api/v1/organizations/{readable}/modules/network/azurerm/versions/2.0.0", UriKind.Relative), Archive(TarGz.Create(("main.tf", "#"))), ct);
        using var missing = await reader.GetAsync(new Uri($"{Registry}/{readable}/nothing/azurerm/versions", UriKind.Relative), ct);
        var search = await reader.GetFromJsonAsync<JsonElement>($"{Registry}/search?q=network", ct);
        var all = await reader.GetFromJsonAsync<JsonElement>($"{Registry}/", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal([readable], search.GetProperty("modules").EnumerateArray().Select(m => m.GetProperty("namespace").GetString()));
        Assert.Equal($"{readable}/network/azurerm/1.0.0", Assert.Single(all.GetProperty("modules").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task ListNamespace_MoreModulesThanALimit_PagesByOffset()
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        var org = await new InfraAdmin(admin).CreateOrganizationAsync(ct);
        foreach (var name in new[] { "alpha", "beta", "gamma" })
        {
            await UploadAsync(admin, org, "0.1.0", TarGz.Create(("main.tf", "#")), ct, name);
        }

        var first = await admin.GetFromJsonAsync<JsonElement>($"{Registry}/{org}?limit=2", ct);
        var second = await admin.GetFromJsonAsync<JsonElement>(first.GetProperty("meta").GetProperty("next_url").GetString()!, ct);
        using var badLimit = await admin.GetAsync(new Uri($"{Registry}/{org}?limit=0", UriKind.Relative), ct);

        Assert.Equal(["alpha", "beta"], first.GetProperty("modules").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(2, first.GetProperty("meta").GetProperty("next_offset").GetInt32());
        Assert.Equal(["gamma"], second.GetProperty("modules").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("meta").GetProperty("next_url").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("latest")]
    [InlineData("01.2.3")]
    public async Task UploadVersion_NotASemanticVersion_Returns400NamingItAndStoresNothing(string version)
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        var org = await new InfraAdmin(admin).CreateOrganizationAsync(ct);

        using var response = await admin.PutAsync(new Uri($"/api/v1/organizations/{org}/modules/network/azurerm/versions/{version}", UriKind.Relative), Archive(TarGz.Create(("main.tf", "#"))), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var module = await admin.GetAsync(new Uri($"/api/v1/organizations/{org}/modules/network/azurerm", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"'{version}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, module.StatusCode);
    }

    [Theory]
    [InlineData("gzip-of-noise", null)]
    [InlineData("truncated", null)]
    [InlineData("pax-sparse", "disk.img")]
    [InlineData("traversal", "../escape.tf")]
    [InlineData("empty", null)]
    public async Task UploadVersion_BadArchive_Returns400NamingTheEntryAndStoresNothing(string kind, string? entry)
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        var org = await new InfraAdmin(admin).CreateOrganizationAsync(ct);
        var bytes = kind switch
        {
            "traversal" => TarGz.Create(("main.tf", "#"), ("../escape.tf", "#")),
            "empty" => TarGz.Create(),
            _ => HostileArchives.Named(kind),
        };

        using var response = await admin.PutAsync(new Uri($"/api/v1/organizations/{org}/modules/network/azurerm/versions/1.0.0", UriKind.Relative), Archive(bytes), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var versions = await admin.GetAsync(new Uri($"{Registry}/{org}/network/azurerm/versions", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (entry is not null)
        {
            Assert.Contains(entry, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, versions.StatusCode);
        Assert.Empty(await ArchiveFilesAsync(org));
    }

    [Fact]
    public async Task UploadVersion_Twice_Returns409AndKeepsTheFirstArchive()
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        var org = await new InfraAdmin(admin).CreateOrganizationAsync(ct);
        await UploadAsync(admin, org, "1.0.0", TarGz.Create(("main.tf", "# first")), ct);

        using var again = await admin.PutAsync(new Uri($"/api/v1/organizations/{org}/modules/network/azurerm/versions/v1.0.0", UriKind.Relative), Archive(TarGz.Create(("main.tf", "# second"))), ct);
        var files = await DownloadAsync(admin, $"{Registry}/{org}/network/azurerm/1.0.0/download", ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("# first", files["main.tf"]);
        Assert.Single(await ArchiveFilesAsync(org));
    }

    [Fact]
    public async Task PublishFromGit_EveryTag_PublishesTheSemverTagsOnceAndNamesTheOthers()
    {
        var ct = TestTimeout.Token(120);
        using var admin = api.CreateClient();
        var org = await new InfraAdmin(admin).CreateOrganizationAsync(ct);
        using var repository = await ModuleRepository.CreateAsync(ct);
        await repository.CommitAndTagAsync("v1.0.0", new Dictionary<string, string?> { ["main.tf"] = "# 1.0.0", ["README.md"] = "network" }, ct);
        await repository.CommitAndTagAsync("v1.1.0", new Dictionary<string, string?> { ["main.tf"] = "# 1.1.0" }, ct);
        await repository.CommitAndTagAsync("nightly", new Dictionary<string, string?> { ["main.tf"] = "# nightly" }, ct);
        var path = $"/api/v1/organizations/{org}/modules/network/azurerm/versions";

        using var first = await admin.PostAsJsonAsync(path, new { source = repository.Url, description = "Hub and spoke" }, ct);
        var published = await first.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var second = await admin.PostAsJsonAsync(path, new { source = repository.Url }, ct);
        var repeated = await second.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var notAVersion = await admin.PostAsJsonAsync(path, new { source = repository.Url, tags = new[] { "nightly" } }, ct);
        var notAVersionProblem = await notAVersion.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var taken = await admin.PostAsJsonAsync(path, new { source = repository.Url, tags = new[] { "v1.0.0" } }, ct);
        var files = await DownloadAsync(admin, $"{Registry}/{org}/network/azurerm/1.0.0/download", ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(["1.1.0", "1.0.0"], published.GetProperty("published").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        Assert.Equal(["nightly"], published.GetProperty("ignoredTags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("1.1.0", published.GetProperty("module").GetProperty("latestVersion").GetString());
        Assert.Equal($"{org}/network/azurerm", published.GetProperty("module").GetProperty("registrySource").GetString());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Empty(repeated.GetProperty("published").EnumerateArray());
        Assert.Equal(["v1.0.0", "v1.1.0"], repeated.GetProperty("alreadyPublished").EnumerateArray().Select(t => t.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, notAVersion.StatusCode);
        Assert.Contains("'nightly'", notAVersionProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("# 1.0.0", files["main.tf"]);
        Assert.False(files.ContainsKey(".git/HEAD"));
    }

    [Fact]
    public async Task PublishFromGit_OneTagWithALinkOutside_Returns400NamingTagAndEntryAndStoresNoVersion()
    {
        var ct = TestTimeout.Token(120);
        using var admin = api.CreateClient();
        var org = await new InfraAdmin(admin).CreateOrganizationAsync(ct);
        using var repository = await ModuleRepository.CreateAsync(ct);
        await repository.CommitAndTagAsync("v1.0.0", new Dictionary<string, string?> { ["main.tf"] = "# good" }, ct);
        await repository.CommitAndTagAsync("v2.0.0", new Dictionary<string, string?> { ["secrets.tf"] = "-> /etc/passwd" }, ct);

        using var response = await admin.PostAsJsonAsync($"/api/v1/organizations/{org}/modules/network/azurerm/versions", new { source = repository.Url }, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var versions = await admin.GetAsync(new Uri($"{Registry}/{org}/network/azurerm/versions", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("v2.0.0", detail, StringComparison.Ordinal);
        Assert.Contains("secrets.tf", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, versions.StatusCode);
        Assert.Empty(await ArchiveFilesAsync(org));
    }

    [Fact]
    public async Task PublishFromGit_FileSourceWhileTheSwitchIsOff_Returns400NamingTheSetting()
    {
        var ct = TestTimeout.Token();
        using var off = api.WithWebHostBuilder(b => b.UseSetting("Stratus:Infra:AllowFileGitSources", "false"));
        using var admin = off.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.AdminToken);
        var org = await new InfraAdmin(admin).CreateOrganizationAsync(ct);

        using var response = await admin.PostAsJsonAsync($"/api/v1/organizations/{org}/modules/network/azurerm/versions", new { source = "file:///etc" }, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("AllowFileGitSources", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteVersion_ThenModule_RemovesRowsAndArchives()
    {
        var ct = TestTimeout.Token();
        using var admin = api.CreateClient();
        var org = await new InfraAdmin(admin).CreateOrganizationAsync(ct);
        await UploadAsync(admin, org, "1.0.0", TarGz.Create(("main.tf", "#")), ct);
        await UploadAsync(admin, org, "2.0.0", TarGz.Create(("main.tf", "#")), ct);
        var module = $"/api/v1/organizations/{org}/modules/network/azurerm";

        using var deleteVersion = await admin.DeleteAsync(new Uri($"{module}/versions/2.0.0", UriKind.Relative), ct);
        var afterVersion = await admin.GetFromJsonAsync<JsonElement>(module, ct);
        var archivesAfterVersion = (await ArchiveFilesAsync(org)).Count;
        using var deleteModule = await admin.DeleteAsync(new Uri(module, UriKind.Relative), ct);
        using var gone = await admin.GetAsync(new Uri(module, UriKind.Relative), ct);
        using var deleteAgain = await admin.DeleteAsync(new Uri(module, UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.NoContent, deleteVersion.StatusCode);
        Assert.Equal("1.0.0", afterVersion.GetProperty("latestVersion").GetString());
        Assert.Equal(1, afterVersion.GetProperty("versionCount").GetInt32());
        Assert.Equal(1, archivesAfterVersion);
        Assert.Equal(HttpStatusCode.NoContent, deleteModule.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleteAgain.StatusCode);
        Assert.Empty(await ArchiveFilesAsync(org));
    }

    private static ByteArrayContent Archive(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        return content;
    }

    private static async Task UploadAsync(HttpClient client, string org, string version, byte[] archive, CancellationToken ct, string name = "network")
    {
        using var response = await client.PutAsync(new Uri($"/api/v1/organizations/{org}/modules/{name}/azurerm/versions/{version}", UriKind.Relative), Archive(archive), ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(ct));
    }

    private static async Task<Dictionary<string, string>> DownloadAsync(HttpClient client, string downloadPath, CancellationToken ct)
    {
        using var download = await client.GetAsync(new Uri(downloadPath, UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.NoContent, download.StatusCode);
        var bytes = await client.GetByteArrayAsync(new Uri(download.Headers.GetValues("X-Terraform-Get").Single()), ct);
        return await ReadTarGzAsync(bytes);
    }

    private static async Task<Dictionary<string, string>> ReadTarGzAsync(byte[] bytes)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile)
            {
                using var reader = new StreamReader(entry.DataStream!, Encoding.UTF8);
                files[entry.Name] = await reader.ReadToEndAsync();
            }
        }

        return files;
    }

    /// <summary>The organization's archives in the blob store.</summary>
    private async Task<IReadOnlyList<string>> ArchiveFilesAsync(string org)
    {
        var container = api.Services.GetRequiredService<Stratus.Storage.IStorageAccount>().Blobs.GetContainer(Stratus.Infra.Registry.Modules.ModuleStore.ArchiveContainer);
        var names = new List<string>();
        string? continuation = null;
        try
        {
            do
            {
                var page = await container.ListAsync(org + "/", continuation);
                names.AddRange(page.Items.Select(b => b.Name));
                continuation = page.ContinuationToken;
            }
            while (continuation is not null);
        }
        catch (Stratus.Storage.ResourceNotFoundException)
        {
            // No archive was ever stored on this host.
        }

        return names;
    }
}
