using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Standalone.Triggers.Queues;
using Stratus.Testing;

namespace Stratus.Standalone.Tests;

public sealed class HostJsonConfigurationTests
{
    private static readonly string HostJsonPath = Path.Combine(RepositoryPaths.Root, "functions", "Stratus.AzureFunctions", "host.json");

    [Fact]
    public void QueueTriggerOptions_Standalone_FollowHostJson()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(HostJsonPath));
        var queues = hostJson.RootElement.GetProperty("extensions").GetProperty("queues");

        var options = Resolve(new Dictionary<string, string?>());

        Assert.Equal(queues.GetProperty("batchSize").GetInt32(), options.BatchSize);
        Assert.Equal(queues.GetProperty("newBatchThreshold").GetInt32(), options.NewBatchThreshold);
        Assert.Equal(queues.GetProperty("maxDequeueCount").GetInt32(), options.MaxDequeueCount);
        Assert.Equal(TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!, CultureInfo.InvariantCulture), options.MaxPollingInterval);
        Assert.Equal(TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, CultureInfo.InvariantCulture), options.VisibilityTimeout);
    }

    [Fact]
    public void QueueTriggerOptions_StratusSetting_OverridesHostJson()
    {
        var options = Resolve(new Dictionary<string, string?> { ["Stratus:Functions:Queues:BatchSize"] = "4" });

        Assert.Equal(4, options.BatchSize);
    }

    [Fact]
    public void HostJson_Shipped_IsCopiedBesideTheStandaloneHost()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "host.json");

        Assert.Equal(File.ReadAllText(HostJsonPath), File.ReadAllText(shipped));
    }

    private static QueueTriggerOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings);
        configuration.AddHostJson(HostJsonPath);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddStandaloneQueueTriggers();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<QueueTriggerOptions>>().Value;
    }
}
