using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Stratus.Api.Tests;

/// <summary>The whole composition refuses to start on a bad setting of a core project, naming the setting.</summary>
public sealed class PlatformOptionsStartupTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Theory]
    [InlineData("Stratus:Apps:Podman:PortRangeEnd", "80", "Stratus:Apps:Podman:PortRangeStart and PortRangeEnd must be unprivileged ports")]
    [InlineData("Stratus:Apps:Podman:CrashLogLines", "-1", "Stratus:Apps:Podman:CrashLogLines must not be negative")]
    [InlineData("Stratus:Apps:ContainerTools:BuildahPath", " ", "Stratus:Apps:ContainerTools:BuildahPath must not be empty")]
    [InlineData("Stratus:Apps:Drivers:KubernetesToken", " ", "Stratus:Apps:Drivers:KubernetesToken is set but blank")]
    public void Start_BadCoreSetting_FailsNamingIt(string key, string value, string message)
    {
        using var factory = api.WithWebHostBuilder(builder => builder.UseSetting(key, value));

        var ex = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
