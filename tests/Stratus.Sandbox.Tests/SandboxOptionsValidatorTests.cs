using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Stratus.Sandbox.Tests;

public sealed class SandboxOptionsValidatorTests
{
    [Fact]
    public void Start_ProcessDriverNotAllowed_FailsNamingTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options(new() { ["Stratus:Infra:Jobs:Sandbox:Driver"] = "process" }));

        Assert.Contains("AllowUnsandboxedProcess", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_ProcessDriverAllowed_UsesTheProcessDriver()
    {
        using var services = Services(new() { ["Stratus:Infra:Jobs:Sandbox:Driver"] = "process", ["Stratus:Infra:Jobs:Sandbox:AllowUnsandboxedProcess"] = "true" });

        Assert.Equal("process", services.GetRequiredService<IStepSandbox>().Driver);
    }

    [Fact]
    public void Start_NothingSet_IsNeverTheProcessDriver()
    {
        using var services = Services([]);

        var sandbox = services.GetRequiredService<IStepSandbox>();

        Assert.NotEqual("process", sandbox.Driver);
        Assert.Equal(Containers.Tools.ContainerToolsEnvironment.IsInstalled("podman") ? "podman" : "none", sandbox.Driver);
    }

    [Theory]
    [InlineData("Driver", "docker", "Driver 'docker'")]
    [InlineData("Cpus", "0", "Cpus")]
    [InlineData("MemoryMiB", "16", "MemoryMiB")]
    [InlineData("PidsLimit", "4", "PidsLimit")]
    [InlineData("UserId", "0", "UserId")]
    [InlineData("StopGracePeriod", "00:00:00", "StopGracePeriod")]
    public void Start_BadSetting_FailsNamingIt(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options(new() { ["Stratus:Infra:Jobs:Sandbox:" + key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static SandboxOptions Options(Dictionary<string, string?> settings)
    {
        using var services = Services(settings);
        return services.GetRequiredService<IOptions<SandboxOptions>>().Value;
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddStratusStepSandbox(configuration).BuildServiceProvider();
    }
}
