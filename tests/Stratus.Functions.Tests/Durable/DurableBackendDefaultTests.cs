using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Durable;
using Stratus.Functions.Durable;

namespace Stratus.Functions.Tests.Durable;

public sealed class DurableBackendDefaultTests
{
    [Theory]
    [InlineData(null, null, DurableBackend.Embedded)]
    [InlineData("40123", null, DurableBackend.AzureStorage)]
    [InlineData("40123", "Embedded", DurableBackend.Embedded)]
    [InlineData(null, "AzureStorage", DurableBackend.AzureStorage)]
    public void AddStratusOrchestrations_HostingAndSetting_ChoosesTheBackend(string? customHandlerPort, string? backend, DurableBackend expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FUNCTIONS_CUSTOMHANDLER_PORT"] = customHandlerPort,
                ["Stratus:Durable:Backend"] = backend,
            })
            .Build();
        var services = new ServiceCollection();

        services.AddStratusOrchestrations(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(expected, provider.GetRequiredService<IOptions<DurableOptions>>().Value.Backend);
    }
}
