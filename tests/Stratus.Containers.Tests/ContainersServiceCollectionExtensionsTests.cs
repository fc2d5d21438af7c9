using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Containers.Tools;

namespace Stratus.Containers.Tests;

public sealed class ContainersServiceCollectionExtensionsTests
{
    [Fact]
    public void StartValidation_GoodToolSettings_Passes()
    {
        using var services = Build(new() { ["Stratus:Apps:ContainerTools:Directory"] = "/tmp/stratus-containers" });

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void StartValidation_EmptyPodmanPath_FailsNamingTheSetting()
    {
        using var services = Build(new()
        {
            ["Stratus:Apps:ContainerTools:Directory"] = "/tmp/stratus-containers",
            ["Stratus:Apps:ContainerTools:PodmanPath"] = " ",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Stratus:Apps:ContainerTools:PodmanPath must not be empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartValidation_NoDirectory_FailsNamingTheSetting()
    {
        using var services = Build([]);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ContainerToolsOptions>>().Value);
        Assert.Contains("Stratus:Apps:ContainerTools:Directory must name a folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartValidation_InsecureRegistryWithScheme_Fails()
    {
        using var services = Build(new()
        {
            ["Stratus:Apps:ContainerTools:Directory"] = "/tmp/stratus-containers",
            ["Stratus:Apps:ContainerTools:InsecureRegistries:0"] = "http://127.0.0.1:5000",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("InsecureRegistries entries are host[:port]", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddStratusContainers(configuration).BuildServiceProvider();
    }
}
