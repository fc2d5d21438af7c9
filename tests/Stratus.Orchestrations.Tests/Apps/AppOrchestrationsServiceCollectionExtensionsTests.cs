using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Containers.Oci;
using Stratus.Orchestrations.Apps;

namespace Stratus.Orchestrations.Tests.Apps;

public sealed class AppOrchestrationsServiceCollectionExtensionsTests
{
    [Fact]
    public void PoolDriverOptions_TokenGiven_IsBound()
    {
        using var services = Build(new() { ["Stratus:Apps:Drivers:KubernetesToken"] = "eyJ.token" });

        Assert.Equal("eyJ.token", services.GetRequiredService<PoolDriverOptions>().KubernetesToken);
    }

    [Fact]
    public void PoolDriverOptions_BlankToken_FailsNamingTheSetting()
    {
        using var services = Build(new() { ["Stratus:Apps:Drivers:KubernetesToken"] = "  " });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PoolDriverOptions>>().Value);
        Assert.Contains("Stratus:Apps:Drivers:KubernetesToken is set but blank", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, LayerCompression.Gzip)]
    [InlineData("zstd", LayerCompression.Zstd)]
    [InlineData("None", LayerCompression.None)]
    public void AppPipelineOptions_LayerCompression_IsBound(string? setting, LayerCompression expected)
    {
        using var services = Build(new() { ["Stratus:Apps:Pipeline:LayerCompression"] = setting });

        Assert.Equal(expected, services.GetRequiredService<IOptions<AppPipelineOptions>>().Value.Compression());
    }

    [Theory]
    [InlineData("brotli")]
    [InlineData("1")]
    public void AppPipelineOptions_UnknownLayerCompression_FailsAtStartNamingTheSetting(string setting)
    {
        using var services = Build(new() { ["Stratus:Apps:Pipeline:LayerCompression"] = setting });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Stratus:Apps:Pipeline:LayerCompression must be gzip, zstd or none", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RegistryHttpClientName)]
    [InlineData(AppArchiveHttpClient.Name)]
    [InlineData(TsuruRouterHttpClient.Name)]
    public void HttpClients_OutboundClientsOfThePipeline_AreRegistered(string name)
    {
        using var services = Build([]);

        using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(name);
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
    }

    private const string RegistryHttpClientName = Containers.Registry.RegistryHttpClient.Name;

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddStratusAppOrchestrations(configuration).BuildServiceProvider();
    }
}
