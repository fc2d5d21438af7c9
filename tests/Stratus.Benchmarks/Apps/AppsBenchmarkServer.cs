using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stratus.Apps.Events;
using Stratus.Api.Api;
using Stratus.Identity.Tokens;
using Stratus.Kubernetes.Runtime;
using Stratus.Testing;

namespace Stratus.Benchmarks.Apps;

/// <summary>
/// The real API on a loopback port with the whole local app runtime, as the functions tests' AppPipelineServer sets it
/// up: the embedded store and the durable worker in-process, a pool <c>local</c> (podman, local router, the real
/// registry) and the busybox <c>static</c> platform. Disposing removes the units of every app it created (by their
/// label, through the runtime), stops the host and deletes its folders. The type argument only names the app's
/// assembly: this project has a <c>Program</c> of its own.
/// </summary>
internal sealed class AppsBenchmarkServer : WebApplicationFactory<Stratus.Standalone.StartupBanner>
{
    private const string Team = "bench";
    private static readonly TimeSpan EventPoll = TimeSpan.FromMilliseconds(50);

    private readonly string _dataPath = Directory.CreateTempSubdirectory("stratus-apps-bench-").FullName;
    private readonly int _port = FreePort.Next();
    private readonly string? _sharedContainers = Environment.GetEnvironmentVariable("STRATUS_TEST_CONTAINERS_DIR") is { Length: > 0 } shared ? shared : null;
    private readonly string _containers;
    private readonly string _registry;
    private readonly List<string> _apps = [];
    private bool _started;

    private AppsBenchmarkServer(string registry)
    {
        _registry = registry;
        _containers = _sharedContainers ?? Directory.CreateTempSubdirectory("stratus-apps-bench-containers-").FullName;
    }

    public string AdminToken { get; } = TokenSecrets.Create(TokenKind.Personal);

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    /// <summary>Starts the API and creates the team, the pool <c>local</c> and the <c>static</c> platform on <paramref name="platformImage"/>.</summary>
    public static async Task<AppsBenchmarkServer> StartAsync(string registry, string platformImage, CancellationToken cancellationToken)
    {
        var server = new AppsBenchmarkServer(registry);
        try
        {
            server.UseKestrel(options => options.Listen(IPAddress.Loopback, server._port));
            server.StartServer();
            server._started = true;
            using var admin = server.Client();
            await PostAsync(admin, "/api/v1/teams", new { name = Team }, cancellationToken);
            await PostAsync(admin, "/api/v1/pools", new
            {
                name = "local",
                provisioner = "podman",
                router = "local",
                registry = new { address = registry, @namespace = "stratus", insecure = true },
                @default = true,
            }, cancellationToken);
            await PostAsync(admin, "/api/v1/platforms", new { name = "static", image = platformImage }, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>Creates an app on the <c>static</c> platform; its units are removed when the server is disposed.</summary>
    public async Task<string> CreateAppAsync(string prefix, CancellationToken cancellationToken)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        using var admin = Client();
        await PostAsync(admin, "/api/v1/apps", new { name, platform = "static", teamOwner = Team }, cancellationToken);
        _apps.Add(name);
        return name;
    }

    /// <summary>Sends the archive as a deploy and returns the event it started (202), without waiting for it.</summary>
    public async Task<string> StartDeployAsync(string app, byte[] archive, CancellationToken cancellationToken)
    {
        using var admin = Client();
        using var content = new ByteArrayContent(archive);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        using var response = await admin.PostAsync(new Uri($"/api/v1/apps/{app}/deploy", UriKind.Relative), content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/v1/apps/{app}/deploy answered {(int)response.StatusCode}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("eventId").GetString()
            ?? throw new InvalidOperationException($"The deploy answer names no event: {body}");
    }

    /// <summary>Polls the event store until the event ends; its end time is the server's, so the poll adds nothing to it.</summary>
    public async Task<AppEvent> WaitForEventAsync(string id, CancellationToken cancellationToken)
    {
        var events = Services.GetRequiredService<AppEventStore>();
        while (true)
        {
            if (await events.GetAsync(id, cancellationToken) is { Running: false } ended)
            {
                return ended;
            }

            await Task.Delay(EventPoll, cancellationToken);
        }
    }

    /// <summary>Waits for the event and throws, with its log, unless it succeeded.</summary>
    public async Task<AppEvent> WaitForSuccessAsync(string id, CancellationToken cancellationToken)
    {
        var ended = await WaitForEventAsync(id, cancellationToken);
        return ended.Status == EventStatus.Succeeded
            ? ended
            : throw new InvalidOperationException($"Deploy {id} ended {ended.Status}: {ended.Error}\n{await LogOfAsync(id, cancellationToken)}");
    }

    public async Task<string> LogOfAsync(string eventId, CancellationToken cancellationToken) =>
        (await Services.GetRequiredService<AppEventStore>().ReadLogAsync(eventId, 0, cancellationToken)).Text;

    /// <summary>A GET through the local router, as <c>curl http://&lt;app&gt;.localhost:&lt;port&gt;/</c> does.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetThroughRouterAsync(string app, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, BaseAddress);
        request.Headers.Host = $"{app}.localhost:{_port}";
        using var response = await http.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (_started)
            {
                await RemoveAppsAsync();
            }

            await base.DisposeAsync();
        }
        finally
        {
            DeleteFolder(_dataPath);
            if (_sharedContainers is null)
            {
                DeleteFolder(_containers);
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(ContentRoot());
        builder.UseSetting("Stratus:Storage:Provider", "Embedded");
        builder.UseSetting("Stratus:Storage:DataPath", _dataPath);
        builder.UseSetting("Stratus:Identity:BootstrapAdminToken", AdminToken);
        builder.UseSetting("Stratus:Apps:ContainerTools:Directory", _containers);
        builder.UseSetting("Stratus:Apps:ContainerTools:InsecureRegistries:0", _registry);
        builder.UseSetting("Stratus:Apps:Pipeline:WorkDirectory", Path.Combine(_dataPath, "builds"));

        // The RESULT lines are the output; the app's request and pipeline logs would bury them.
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    private async Task RemoveAppsAsync()
    {
        var runtime = Services.GetServices<IAppRuntime>().First(r => r.Name == "podman");
        foreach (var app in _apps)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await runtime.RemoveAppAsync(app, timeout.Token);
            }
            catch (Exception exception)
            {
                await Console.Error.WriteLineAsync($"warning: could not remove the units of {app}: {exception.Message}");
            }
        }
    }

    private static async Task PostAsync(HttpClient client, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>
    /// The app's project folder, as the tests get it. WebApplicationFactory looks for its manifest in the current
    /// directory, which under <c>dotnet run --project</c> is wherever the command ran, so it is read from here.
    /// </summary>
    private static string ContentRoot()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        if (File.Exists(manifest))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(manifest));
            var name = typeof(ApiOptions).Assembly.GetName().FullName;
            if (document.RootElement.TryGetProperty(name, out var folder) && folder.GetString() is { } path && Directory.Exists(path))
            {
                return path;
            }
        }

        return AppContext.BaseDirectory;
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"warning: could not remove {folder}: {exception.Message}");
        }
    }
}
