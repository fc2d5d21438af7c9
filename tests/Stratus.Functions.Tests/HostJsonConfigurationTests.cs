using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Functions.Triggers.Queues;
using Stratus.Testing;

namespace Stratus.Functions.Tests;

public sealed class HostJsonConfigurationTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public void QueueTriggerOptions_Standalone_FollowHostJson()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        var queues = hostJson.RootElement.GetProperty("extensions").GetProperty("queues");

        var options = api.Services.GetRequiredService<IOptions<QueueTriggerOptions>>().Value;

        Assert.Equal(queues.GetProperty("batchSize").GetInt32(), options.BatchSize);
        Assert.Equal(queues.GetProperty("newBatchThreshold").GetInt32(), options.NewBatchThreshold);
        Assert.Equal(queues.GetProperty("maxDequeueCount").GetInt32(), options.MaxDequeueCount);
        Assert.Equal(TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture), options.MaxPollingInterval);
        Assert.Equal(TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture), options.VisibilityTimeout);
    }

    [Fact]
    public void QueueTriggerOptions_StratusSetting_OverridesHostJson()
    {
        using var overridden = api.WithWebHostBuilder(b => b.UseSetting("Stratus:Functions:Queues:BatchSize", "4"));

        var options = overridden.Services.GetRequiredService<IOptions<QueueTriggerOptions>>().Value;

        Assert.Equal(4, options.BatchSize);
    }
}
