using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Stratus.Identity.Tokens;

namespace Stratus.Cli.Tests;

/// <summary>
/// The real API in-process on the embedded store, in a data folder of its own, as in Stratus.Api.Tests. Its
/// bootstrap admin token is generated here; the CLI reaches it through <see cref="WebApplicationFactory{TEntryPoint}.Server"/>'s handler.
/// </summary>
public sealed class StratusApiFixture : WebApplicationFactory<Program>
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("stratus-cli-api-").FullName;

    public string AdminToken { get; } = TokenSecrets.Create(TokenKind.Personal);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Stratus:Storage:Provider", "Embedded");
        builder.UseSetting("Stratus:Storage:DataPath", _dataPath);
        builder.UseSetting("Stratus:Identity:BootstrapAdminToken", AdminToken);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }
}
