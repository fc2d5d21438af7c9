using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Stratus.Durable;

namespace Stratus.AzureFunctions.Tests;

/// <summary>The Azure app's composition leaves the durable runtime to Durable Functions.</summary>
public sealed class CompositionTests
{
    [Fact]
    public void AddStratusAzureFunctions_DurableRuntime_IsTheHostsNotOurs()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();

        services.AddStratusAzureFunctions(configuration);

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IOrchestrationService));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DurableWorkerHost");
        var client = Assert.Single(services, d => d.ServiceType == typeof(DurableTaskClient));
        Assert.Equal(ServiceLifetime.Scoped, client.Lifetime);
        Assert.Contains(services, d => d.ServiceType == typeof(ActivityCancellation));
    }
}
