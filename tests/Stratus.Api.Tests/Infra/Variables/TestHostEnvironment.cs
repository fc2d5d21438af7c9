using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Stratus.Api.Tests.Infra.Variables;

/// <summary>A host environment with a chosen name, for validators that behave differently in Development.</summary>
internal sealed class TestHostEnvironment(string name) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = name;

    public string ApplicationName { get; set; } = "Stratus.Api";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
