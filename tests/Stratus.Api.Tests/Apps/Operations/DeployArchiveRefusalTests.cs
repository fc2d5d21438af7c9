using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Tests.Apps.Env;
using Stratus.Apps.Events;
using Stratus.Testing;
using Stratus.Testing.Archives;

namespace Stratus.Api.Tests.Apps.Operations;

/// <summary>
/// Hostile and damaged app archives are 400s naming the entry, through both deploy shapes (a gzip body and multipart
/// 'file'), and start nothing: no event, no stored archive. No registry or podman is needed: nothing gets that far.
/// </summary>
public sealed class DeployArchiveRefusalTests(SmallArchiveLimitsApi api) : IClassFixture<SmallArchiveLimitsApi>
{
    [Theory]
    [InlineData(1, 32, "'bomb-0.bin': it is 33554432 bytes; one file may have at most 25165824")]
    [InlineData(3, 16, "'bomb-2.bin': the files expand beyond 41943040 bytes")]
    public async Task Deploy_GzipBomb_Returns400NamingTheEntryAndTheLimitAndStartsNothing(int entries, int mebibytesEach, string expected)
    {
        var ct = TestTimeout.Token(120);
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var folder = Directory.CreateTempSubdirectory("stratus-bomb-").FullName;
        try
        {
            var bomb = Path.Combine(folder, "bomb.tar.gz");
            HostileArchives.WriteGzipBomb(bomb, entries, mebibytesEach * 1024L * 1024);
            using var content = new StreamContent(File.OpenRead(bomb));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");

            using var response = await client.PostAsync(new Uri($"/api/v1/apps/{app}/deploy", UriKind.Relative), content, ct);
            var body = await response.Content.ReadAsStringAsync(ct);

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
            Assert.Contains(expected, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            await AssertNothingStartedAsync(app, ct);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("gnu-sparse", "'disk.img': sparse files are not supported", false)]
    [InlineData("gnu-sparse", "'disk.img': sparse files are not supported", true)]
    [InlineData("pax-sparse", "'./GNUSparseFile.0/disk.img': sparse files are not supported", false)]
    [InlineData("long-name", "'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", false)]
    [InlineData("long-name", "'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", true)]
    [InlineData("gzip-of-noise", "not a valid gzip-compressed tar archive", false)]
    [InlineData("truncated", "not a valid gzip-compressed tar archive", true)]
    [InlineData("damaged-header", "not a valid gzip-compressed tar archive", false)]
    public async Task Deploy_UnsupportedOrDamagedArchive_Returns400NamingItAndStartsNothing(string kind, string expected, bool multipart)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, ct);
        var archive = new ByteArrayContent(HostileArchives.Named(kind));
        archive.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        using HttpContent content = multipart ? new MultipartFormDataContent { { archive, "file", "app.tar.gz" } } : archive;

        using var response = await client.PostAsync(new Uri($"/api/v1/apps/{app}/deploy", UriKind.Relative), content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStartedAsync(app, ct);
    }

    private async Task AssertNothingStartedAsync(string app, CancellationToken cancellationToken)
    {
        Assert.Empty(await api.Services.GetRequiredService<AppEventStore>().ListAsync(new AppEventFilter { Target = EventTarget.App(app) }, cancellationToken));
        Assert.False(Directory.Exists(Path.Combine(api.DataPath, "blobs", "stratus-app-sources", app)), "the refused archive was stored");
    }
}
