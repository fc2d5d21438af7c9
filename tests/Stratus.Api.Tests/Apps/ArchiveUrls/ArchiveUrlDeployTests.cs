using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Stratus.Api.Tests.Identity;
using Stratus.Orchestrations.Apps.ArchiveUrls;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.ArchiveUrls;

/// <summary>
/// Deploys from an <c>archive-url</c> against a real loopback server: refused unless the allow-list names the host,
/// with one text for every failure (a refused address and a closed port look alike), and a redirect from an allowed
/// host to one that is not is refused before anything connects to it. The build stops at the download, so no registry
/// or podman is needed.
/// </summary>
public sealed class ArchiveUrlDeployTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task Deploy_ArchiveUrlOnLoopback_FailsWithTheGenericTextAndNeverConnects()
    {
        var ct = TestTimeout.Token(120);
        await using var server = await ArchiveServer.StartAsync();
        using var client = api.CreateClient();
        var app = await CreateAppAsync(client, ct);

        var loopback = await DeployAsync(client, app, $"http://127.0.0.1:{server.Port}/app.tar.gz", ct);
        var metadata = await DeployAsync(client, app, "http://169.254.169.254/latest/meta-data/", ct);
        var mapped = await DeployAsync(client, app, $"http://[::ffff:127.0.0.1]:{server.Port}/app.tar.gz", ct);

        foreach (var failed in new[] { loopback, metadata, mapped })
        {
            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Contains(AppArchiveDownloader.FetchFailed, failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task Deploy_ClosedPortAndRefusedAddress_GiveTheSameError()
    {
        var ct = TestTimeout.Token(120);
        using var allowed = api.WithWebHostBuilder(b => b.UseSetting("Stratus:Apps:ArchiveUrl:AllowedHosts:0", "127.0.0.1"));
        using var client = allowed.CreateClient();
        var app = await CreateAppAsync(client, ct);

        var closed = await DeployAsync(client, app, $"http://127.0.0.1:{FreePort.Next()}/app.tar.gz", ct);
        var refused = await DeployAsync(client, app, $"http://localhost:{FreePort.Next()}/app.tar.gz", ct);

        Assert.Equal(closed.GetProperty("error").GetString(), refused.GetProperty("error").GetString());
        Assert.Contains(AppArchiveDownloader.FetchFailed, closed.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_AllowedHost_DownloadsTheArchive()
    {
        var ct = TestTimeout.Token(120);
        await using var server = await ArchiveServer.StartAsync();
        using var allowed = api.WithWebHostBuilder(b => b.UseSetting("Stratus:Apps:ArchiveUrl:AllowedHosts:0", "127.0.0.1"));
        using var client = allowed.CreateClient();
        var app = await CreateAppAsync(client, ct);

        var ended = await DeployAsync(client, app, $"http://127.0.0.1:{server.Port}/app.tar.gz", ct);
        var log = await LogAsync(client, app, ended, ct);

        // The download and unpacking worked; the build then fails at the pool's registry, which does not exist.
        Assert.Contains("Source: 1 files", log, StringComparison.Ordinal);
        Assert.DoesNotContain(AppArchiveDownloader.FetchFailed, log, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Deploy_RedirectFromAllowedHostToLoopback_IsRefusedBeforeConnecting()
    {
        var ct = TestTimeout.Token(120);
        await using var server = await ArchiveServer.StartAsync();
        await using var target = await ArchiveServer.StartAsync();
        using var allowed = api.WithWebHostBuilder(b => b.UseSetting("Stratus:Apps:ArchiveUrl:AllowedHosts:0", "127.0.0.1"));
        using var client = allowed.CreateClient();
        var app = await CreateAppAsync(client, ct);

        var redirected = await DeployAsync(client, app, $"http://127.0.0.1:{server.Port}/redirect?to=http://localhost:{target.Port}/app.tar.gz", ct);

        Assert.Equal("failed", redirected.GetProperty("status").GetString());
        Assert.Contains(AppArchiveDownloader.FetchFailed, redirected.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
        Assert.Equal(0, target.Requests);
    }

    [Fact]
    public void Start_AllowedNetworkNotCidr_FailsNamingTheSetting()
    {
        using var broken = api.WithWebHostBuilder(b => b.UseSetting("Stratus:Apps:ArchiveUrl:AllowedNetworks:0", "10.0.0.0/99"));

        var ex = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

        Assert.Contains("Stratus:Apps:ArchiveUrl:AllowedNetworks:0", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A team, a podman pool whose registry does not exist, a platform and an app on them.</summary>
    private static async Task<string> CreateAppAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var admin = new IdentityAdmin(client);
        await admin.CreateTeamAsync($"team-{suffix}", [], cancellationToken);
        await admin.SendAsync(HttpMethod.Post, "/api/v1/pools", new
        {
            name = $"pool-{suffix}",
            provisioner = "podman",
            router = "local",
            registry = new { address = $"127.0.0.1:{FreePort.Next()}", @namespace = "t", insecure = true },
        }, cancellationToken);
        await admin.SendAsync(HttpMethod.Post, "/api/v1/platforms", new { name = $"plat-{suffix}", image = "127.0.0.1:1/platforms/static:latest" }, cancellationToken);
        await admin.SendAsync(HttpMethod.Post, "/api/v1/apps", new { name = $"app-{suffix}", teamOwner = $"team-{suffix}", pool = $"pool-{suffix}", platform = $"plat-{suffix}" }, cancellationToken);
        return $"app-{suffix}";
    }

    /// <summary>Deploys from <paramref name="url"/> and returns the deploy's event once it has ended.</summary>
    private static async Task<JsonElement> DeployAsync(HttpClient client, string app, string url, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/apps/{app}/deploy?wait=60", new { archiveUrl = url }, cancellationToken);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, started.ToString());
        var path = started.GetProperty("event").GetString()!;
        return await Poll.UntilAsync(
            () => client.GetFromJsonAsync<JsonElement>(path, cancellationToken),
            e => e.GetProperty("status").GetString() != "running",
            $"the deploy from {url} to end",
            cancellationToken);
    }

    private static async Task<string> LogAsync(HttpClient client, string app, JsonElement ended, CancellationToken cancellationToken) =>
        await client.GetStringAsync($"/api/v1/apps/{app}/events/{ended.GetProperty("id").GetString()}/log", cancellationToken);
}
