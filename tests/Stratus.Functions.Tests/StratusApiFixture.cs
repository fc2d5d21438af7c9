using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Stratus.Functions.Tests;

/// <summary>The API in-process on the embedded store, in a data folder of its own.</summary>
public sealed class StratusApiFixture : WebApplicationFactory<Program>
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("stratus-api-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Stratus:Storage:Provider", "Embedded");
        builder.UseSetting("Stratus:Storage:DataPath", _dataPath);
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
