using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Stratus.Api.Infra;
using Stratus.Identity.Tokens;
using Stratus.Testing;

namespace Stratus.Benchmarks.Infra;

/// <summary>
/// The real API on a loopback port (terraform calls its state backend back), with the durable worker running the job
/// orchestrations in-process on the embedded store in a data folder of its own, removed on dispose. The same setup as
/// the API tests' JobsApiServer. The type argument only names the standalone host's assembly: this project has a
/// <c>Program</c> of its own.
/// </summary>
internal sealed class InfraBenchmarkServer : WebApplicationFactory<Stratus.Standalone.StartupBanner>
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("stratus-infra-bench-").FullName;
    private readonly int _port = FreePort.Next();

    public string AdminToken { get; } = TokenSecrets.Create(TokenKind.Personal);

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    public static InfraBenchmarkServer Start()
    {
        var server = new InfraBenchmarkServer();
        try
        {
            server.UseKestrel(options => options.Listen(IPAddress.Loopback, server._port));
            server.StartServer();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            DeleteDataFolder();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var url = BaseAddress.ToString().TrimEnd('/');
        builder.UseContentRoot(ContentRoot());
        builder.UseSetting("Stratus:Url", url);
        builder.UseSetting("Stratus:Infra:Jobs:ApiUrl", url);
        builder.UseSetting("Stratus:Infra:Jobs:WorkRoot", Path.Combine(_dataPath, "work"));
        builder.UseSetting("Stratus:Storage:Provider", "Embedded");
        builder.UseSetting("Stratus:Storage:DataPath", _dataPath);
        builder.UseSetting("Stratus:Identity:BootstrapAdminToken", AdminToken);

        // The RESULT lines are the output; the app's request and job logs would bury them.
        builder.ConfigureLogging(logging => logging.ClearProviders());
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
            var name = typeof(InfraOptions).Assembly.GetName().FullName;
            if (document.RootElement.TryGetProperty(name, out var folder) && folder.GetString() is { } path && Directory.Exists(path))
            {
                return path;
            }
        }

        return AppContext.BaseDirectory;
    }

    private void DeleteDataFolder()
    {
        try
        {
            if (Directory.Exists(_dataPath))
            {
                Directory.Delete(_dataPath, recursive: true);
            }
        }
        catch (IOException exception)
        {
            Console.Error.WriteLine($"warning: could not remove {_dataPath}: {exception.Message}");
        }
        catch (UnauthorizedAccessException exception)
        {
            Console.Error.WriteLine($"warning: could not remove {_dataPath}: {exception.Message}");
        }
    }
}
