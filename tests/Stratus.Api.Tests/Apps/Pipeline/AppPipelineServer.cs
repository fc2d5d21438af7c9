using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Apps.Events;
using Stratus.Identity.Tokens;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Pipeline;

/// <summary>
/// The API on a real loopback port with the whole local app runtime: the real registry, buildah, podman and the
/// busybox <c>static</c> platform. A pool <c>local</c> (podman, local router) and the platform are created once;
/// tests create their own apps and remove their units when done. <see cref="Unavailable"/> says why it cannot run.
/// </summary>
public sealed class AppPipelineServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Team = "web";
    private readonly string _dataPath = Directory.CreateTempSubdirectory("stratus-apps-api-").FullName;
    private readonly int _port = FreePort.Next();
    private readonly string _containers = Environment.GetEnvironmentVariable("STRATUS_TEST_CONTAINERS_DIR") is { Length: > 0 } shared
        ? shared
        : Directory.CreateTempSubdirectory("stratus-apps-containers-").FullName;

    private readonly List<string> _apps = [];
    private string _registry = "";

    public string AdminToken { get; } = TokenSecrets.Create(TokenKind.Personal);

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    public int Port => _port;

    public string? Unavailable { get; private set; }

    public string Registry => _registry;

    public async Task InitializeAsync()
    {
        Unavailable = LocalAppRuntime.Unavailable;
        if (Unavailable is not null)
        {
            return;
        }

        _registry = (await RegistryServer.Shared)!.Address;
        var platformImage = (await BusyboxPlatformImage.Shared)!;
        UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
        StartServer();
        using var admin = Client();
        await SetUpLocalRuntimeAsync(admin, _registry, platformImage, CancellationToken.None);
    }

    /// <summary>The README's setup through the API: team <c>web</c>, the default pool <c>local</c> (podman, local router, the registry) and the <c>static</c> platform.</summary>
    public static async Task SetUpLocalRuntimeAsync(HttpClient admin, string registry, string platformImage, CancellationToken cancellationToken)
    {
        (await admin.PostAsJsonAsync("/api/v1/teams", new { name = Team }, cancellationToken)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/pools", new
        {
            name = "local",
            provisioner = "podman",
            router = "local",
            registry = new { address = registry, @namespace = "stratus", insecure = true },
            @default = true,
        }, cancellationToken)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/platforms", new { name = "static", image = platformImage }, cancellationToken)).EnsureSuccessStatusCode();
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(200) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? AdminToken);
        return client;
    }

    /// <summary>Creates an app on the <c>static</c> platform; its units are removed when the server stops.</summary>
    public async Task<string> CreateAppAsync(string prefix, CancellationToken cancellationToken)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        using var admin = Client();
        using var response = await admin.PostAsJsonAsync("/api/v1/apps", new { name, platform = "static", teamOwner = Team }, cancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        lock (_apps)
        {
            _apps.Add(name);
        }

        return name;
    }

    /// <summary>Sends a deploy of <paramref name="files"/> (path → content) as a tar.gz; returns the response.</summary>
    public async Task<HttpResponseMessage> DeployFilesAsync(string app, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken, int? wait = null)
    {
        using var admin = Client();
        var content = new ByteArrayContent(TarGz(files));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        return await admin.PostAsync($"/api/v1/apps/{app}/deploy{(wait is null ? "" : $"?wait={wait}")}", content, cancellationToken);
    }

    /// <summary>Deploys and waits for the event to end; returns the ended event.</summary>
    public async Task<AppEvent> DeployAndWaitAsync(string app, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        using var response = await DeployFilesAsync(app, files, cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(cancellationToken));
        var id = (await response.Content.ReadFromJsonAsync<StartedOperation>(cancellationToken))!.EventId;
        return await WaitForEventAsync(id, cancellationToken);
    }

    public async Task<AppEvent> WaitForEventAsync(string id, CancellationToken cancellationToken)
    {
        var events = Services.GetRequiredService<AppEventStore>();
        while (true)
        {
            if (await events.GetAsync(id, cancellationToken) is { Running: false } ended)
            {
                return ended;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public async Task<string> LogOfAsync(string eventId, CancellationToken cancellationToken) =>
        (await Services.GetRequiredService<AppEventStore>().ReadLogAsync(eventId, 0, cancellationToken)).Text;

    /// <summary>A GET through the local router, as <c>curl http://&lt;app&gt;.localhost:&lt;port&gt;/path</c> does.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetThroughRouterAsync(string app, string path, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, path));
        request.Headers.Host = $"{app}.localhost:{_port}";
        using var response = await http.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public static byte[] TarGz(IReadOnlyDictionary<string, string> files)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, text) in files)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path)
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                });
            }
        }

        return buffer.ToArray();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Unavailable is null)
        {
            var runtime = Services.GetServices<Stratus.Kubernetes.Runtime.IAppRuntime>().First(r => r.Name == "podman");
            foreach (var app in _apps)
            {
                await runtime.RemoveAppAsync(app, CancellationToken.None);
            }
        }

        await DisposeAsync();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Stratus:Storage:Provider", "Embedded");
        builder.UseSetting("Stratus:Storage:DataPath", _dataPath);
        builder.UseSetting("Stratus:Identity:BootstrapAdminToken", AdminToken);
        builder.UseSetting("Stratus:Apps:ContainerTools:Directory", _containers);
        builder.UseSetting("Stratus:Apps:ContainerTools:InsecureRegistries:0", _registry);
        builder.UseSetting("Stratus:Apps:Pipeline:WorkDirectory", Path.Combine(_dataPath, "builds"));
    }

    public sealed record StartedOperation(string EventId, string App, string Kind, string Status);
}
