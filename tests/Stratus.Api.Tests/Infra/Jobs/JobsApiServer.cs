using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Stratus.Identity.Tokens;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Jobs;

/// <summary>
/// The API on a real loopback port, so the jobs' terraform can call the state backend; its durable worker runs the
/// job orchestrations in-process, on the embedded store in a data folder of its own.
/// </summary>
public class JobsApiServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("stratus-jobs-api-").FullName;
    private readonly int _port = FreePort.Next();

    public string AdminToken { get; } = TokenSecrets.Create(TokenKind.Personal);

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    /// <summary>The embedded store's folder (its tables, blobs and the podman store).</summary>
    public string DataPath => _dataPath;

    /// <summary>Where step working directories are made.</summary>
    public string WorkRoot => Path.Combine(_dataPath, "work");

    public Task InitializeAsync()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
        StartServer();
        return Task.CompletedTask;
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? AdminToken);
        return client;
    }

    /// <summary>Files of the store (tables, blobs, working folders) holding <paramref name="text"/> in UTF-8 or UTF-16.</summary>
    public IReadOnlyList<string> FilesContaining(string text) => StoreScan.FilesContaining(_dataPath, text);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Stratus:Url", BaseAddress.ToString().TrimEnd('/'));
        builder.UseSetting("Stratus:Infra:Jobs:ApiUrl", BaseAddress.ToString().TrimEnd('/'));
        builder.UseSetting("Stratus:Infra:Jobs:WorkRoot", WorkRoot);

        // Templates' importComands come from git repositories the tests create on disk.
        builder.UseSetting("Stratus:Infra:AllowFileGitSources", "true");

        // The step sandboxes' podman store: the test run's shared one, or one beside (not inside) the data folder.
        builder.UseSetting("Stratus:Apps:ContainerTools:Directory", Environment.GetEnvironmentVariable("STRATUS_TEST_CONTAINERS_DIR") is { Length: > 0 } shared ? shared : _dataPath + "-containers");
        builder.UseSetting("Stratus:Storage:Provider", "Embedded");
        builder.UseSetting("Stratus:Storage:DataPath", _dataPath);
        builder.UseSetting("Stratus:Identity:BootstrapAdminToken", AdminToken);
        AddSettings(builder);
    }

    /// <summary>Settings a derived fixture changes (shorter timeouts).</summary>
    protected virtual void AddSettings(IWebHostBuilder builder)
    {
    }
}
