using Microsoft.AspNetCore.Hosting;
using Stratus.Testing.Hosting;

namespace Stratus.Api.Tests.Infra.Registry;

/// <summary>The in-process API with file:// git sources allowed, so modules publish from repositories the tests make on disk.</summary>
public sealed class ModuleRegistryApiFixture : StratusApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Stratus:Infra:AllowFileGitSources", "true");
    }
}
