using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Sandbox.ContainerApps.Tests.Fakes;

namespace Stratus.Sandbox.ContainerApps.Tests;

public sealed class ContainerAppsSandboxRegistrationTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Stratus:Infra:Jobs:Sandbox:Driver"] = "containerapps",
        ["Stratus:Infra:Jobs:Sandbox:ContainerApps:SubscriptionId"] = "6f1c1f6e-8d1a-4c55-9a3e-0d8e3c2b7a10",
        ["Stratus:Infra:Jobs:Sandbox:ContainerApps:ResourceGroup"] = "rg-stratus",
        ["Stratus:Infra:Jobs:Sandbox:ContainerApps:JobName"] = "stratus-steps",
        ["Stratus:Infra:Jobs:Sandbox:ContainerApps:Image"] = "acr.example/stratus-step:1",
        ["Stratus:Infra:Jobs:Sandbox:ContainerApps:BlobServiceUri"] = "https://stratusdata.blob.core.windows.net",
    };

    [Fact]
    public void AddContainerAppsStepSandbox_DriverContainerApps_RegistersTheDriver()
    {
        using var services = Build(Valid);

        var sandbox = services.GetRequiredService<IStepSandbox>();

        Assert.Equal("containerapps", sandbox.Driver);
        Assert.Null(sandbox.Unavailable);
    }

    [Fact]
    public void AddContainerAppsStepSandbox_OtherDriver_RegistersNothing()
    {
        using var services = Build(new Dictionary<string, string?> { ["Stratus:Infra:Jobs:Sandbox:Driver"] = "podman" });

        Assert.Null(services.GetService<IStepSandbox>());
    }

    [Fact]
    public void Validate_BadSettings_NamesEachOneAndWhatToSet()
    {
        var settings = new Dictionary<string, string?>(Valid)
        {
            ["Stratus:Infra:Jobs:Sandbox:ContainerApps:SubscriptionId"] = "not-a-guid",
            ["Stratus:Infra:Jobs:Sandbox:ContainerApps:Image"] = "",
            ["Stratus:Infra:Jobs:Sandbox:ContainerApps:Cpu"] = "0.3",
            ["Stratus:Infra:Jobs:Sandbox:ContainerApps:Memory"] = "2GB",
            ["Stratus:Infra:Jobs:Sandbox:ContainerApps:BlobServiceUri"] = "http://stratusdata.blob.core.windows.net",
            ["Stratus:Infra:Jobs:Sandbox:ContainerApps:LogAnalyticsWorkspaceId"] = "workspace",
        };
        using var services = Build(settings);

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ContainerAppsSandboxOptions>>().Value);

        foreach (var setting in new[] { "SubscriptionId", "Image", "Cpu", "Memory", "BlobServiceUri", "LogAnalyticsWorkspaceId" })
        {
            Assert.Contains(failure.Failures, f => f.StartsWith($"Stratus:Infra:Jobs:Sandbox:ContainerApps:{setting} ", StringComparison.Ordinal));
        }

        Assert.Equal(6, failure.Failures.Count());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddContainerAppsStepSandbox(configuration, new FakeTokenCredential()).BuildServiceProvider();
    }
}
