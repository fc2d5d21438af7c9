using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Stratus.Identity.Tokens;

namespace Stratus.Testing.Hosting;

/// <summary>
/// The standalone API in-process on the embedded store, in a data folder of its own, for every test project that
/// drives the real API (the API's own tests, the CLI's). Its bootstrap admin token is generated here, and clients from
/// <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> send it; <see cref="CreateClient(string?)"/> makes
/// clients with other credentials or none.
/// </summary>
public class StratusApiFactory : WebApplicationFactory<Program>
{
    private static int _hosts;
    private readonly string _dataPath = Directory.CreateTempSubdirectory("stratus-api-").FullName;

    public string AdminToken { get; } = TokenSecrets.Create(TokenKind.Personal);

    public string DataPath => _dataPath;

    /// <summary>A client that sends <paramref name="token"/> as its bearer token, or no credentials at all.</summary>
    public HttpClient CreateClient(string? token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Stratus:Storage:Provider", "Embedded");
        builder.UseSetting("Stratus:Storage:DataPath", _dataPath);

        // One process owns an embedded durable store, and tests derive several hosts (WithWebHostBuilder) from one
        // fixture: each host gets a durable store of its own beside the shared platform store.
        builder.UseSetting("Stratus:Durable:EmbeddedDatabase", $"durable-{Interlocked.Increment(ref _hosts)}.db");
        builder.UseSetting("Stratus:Identity:BootstrapAdminToken", AdminToken);
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteDataFolder();
        }
    }

    private void DeleteDataFolder() => DataFolders.Delete(_dataPath);
}
