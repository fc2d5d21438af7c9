using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Triggers;
using Stratus.Durable;

namespace Stratus.AzureFunctions.Tests;

/// <summary>
/// The published package against the code: <c>functions.metadata</c> (what the worker SDK read from the
/// <c>[Function]</c> attributes, and what the Functions host indexes) must list exactly the functions the platform
/// declares (its <see cref="FunctionCatalog"/>, which the standalone host fires too) and the orchestrators and
/// activities it registers, each with the right trigger.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Lazy<(FunctionCatalog Catalog, DurableRegistry Registry)> Declared = new(() =>
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddStratusAzureFunctions(configuration);
        using var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<FunctionCatalog>(), provider.GetRequiredService<DurableRegistry>());
    });

    private static readonly Lazy<Dictionary<string, JsonElement>> Metadata = new(() =>
        JsonDocument.Parse(File.ReadAllText(PublishedPackage.File("functions.metadata"))).RootElement
            .EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone(), StringComparer.Ordinal));

    [Fact]
    public void FunctionsMetadata_Published_ListsExactlyTheDeclaredFunctions()
    {
        var (catalog, registry) = Declared.Value;
        var expected = catalog.Functions.Select(f => f.Name)
            .Concat(registry.Orchestrators.Keys)
            .Concat(registry.Activities.Keys)
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, Metadata.Value.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FunctionsMetadata_Triggers_MatchTheDeclarations()
    {
        foreach (var declared in Declared.Value.Catalog.Functions)
        {
            var trigger = Trigger(Metadata.Value[declared.Name]);
            switch (declared.Trigger)
            {
                case HttpFunctionTrigger http:
                    Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
                    Assert.Equal(http.Route, trigger.GetProperty("route").GetString());
                    Assert.Equal(http.Methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
                    Assert.Equal(http.AuthLevel, trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
                    break;
                case TimerFunctionTrigger timer:
                    Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
                    Assert.Equal(timer.Schedule, trigger.GetProperty("schedule").GetString());
                    Assert.Equal(timer.RunOnStartup, trigger.TryGetProperty("runOnStartup", out var onStartup) && onStartup.GetBoolean());
                    Assert.Equal(timer.UseMonitor, !trigger.TryGetProperty("useMonitor", out var monitor) || monitor.GetBoolean());
                    break;
                case QueueFunctionTrigger queue:
                    Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
                    Assert.Equal(queue.QueueName, trigger.GetProperty("queueName").GetString());
                    Assert.Equal(queue.Connection, trigger.GetProperty("connection").GetString());
                    break;
                default:
                    Assert.Fail($"{declared.Name} has a trigger kind this test does not know: {declared.Trigger}.");
                    break;
            }
        }
    }

    [Fact]
    public void FunctionsMetadata_DurableFunctions_HaveTheirTriggersAndRunFromTheApp()
    {
        var registry = Declared.Value.Registry;
        foreach (var name in registry.Orchestrators.Keys)
        {
            Assert.Equal("orchestrationTrigger", Trigger(Metadata.Value[name]).GetProperty("type").GetString());
        }

        foreach (var name in registry.Activities.Keys)
        {
            Assert.Equal("activityTrigger", Trigger(Metadata.Value[name]).GetProperty("type").GetString());
        }

        Assert.All(Metadata.Value.Values, f =>
        {
            Assert.Equal("Stratus.AzureFunctions.dll", f.GetProperty("scriptFile").GetString());
            Assert.Equal("dotnet-isolated", f.GetProperty("language").GetString());
        });
    }

    [Fact]
    public void FunctionsMetadata_FunctionsThatStartOrchestrations_TakeTheDurableClient()
    {
        // The API starts jobs and app operations; the schedules timers start jobs and app job runs. Nothing else needs the client.
        var withClient = Metadata.Value
            .Where(f => f.Value.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "durableClient"))
            .Select(f => f.Key)
            .Order(StringComparer.Ordinal);

        Assert.Equal([HttpFunctionRoutes.Api, Api.Apps.Jobs.AppJobTimerFunction.Name, Api.Infra.Schedules.ScheduleTimerFunction.Name], withClient);
    }

    [Fact]
    public void ExtensionsJson_Published_ListsTheExtensionsInUseWithTheirAssemblies()
    {
        using var extensions = JsonDocument.Parse(File.ReadAllText(PublishedPackage.File("extensions.json")));
        var listed = extensions.RootElement.GetProperty("extensions").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("hintPath").GetString()!);

        // HTTP and timer triggers are built into the host; queues and Durable Functions are extensions it loads.
        Assert.Contains("AzureStorageQueues", listed.Keys);
        Assert.Contains("DurableTask", listed.Keys);
        Assert.All(listed.Values, hintPath => Assert.True(File.Exists(PublishedPackage.File(hintPath)), $"{hintPath} is not in the package."));
    }

    [Fact]
    public void WorkerConfig_Published_StartsTheAppsAssembly()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(PublishedPackage.File("worker.config.json")));
        var description = config.RootElement.GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("Stratus.AzureFunctions.dll", description.GetProperty("defaultWorkerPath").GetString());
        Assert.True(File.Exists(PublishedPackage.File("Stratus.AzureFunctions.dll")));
    }

    [Fact]
    public void HostJson_Published_ConfiguresDurableFunctionsOnAzureStorage()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(PublishedPackage.File("host.json")));
        var extensions = host.RootElement.GetProperty("extensions");
        var durable = extensions.GetProperty("durableTask");

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal("%STRATUS_HUB%", durable.GetProperty("hubName").GetString());
        Assert.Equal("AzureStorage", durable.GetProperty("storageProvider").GetProperty("type").GetString());
        Assert.Equal("", extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.True(extensions.GetProperty("queues").GetProperty("maxDequeueCount").GetInt32() > 0);
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
        Assert.False(host.RootElement.TryGetProperty("extensionBundle", out _));
    }

    private static JsonElement Trigger(JsonElement function) =>
        Assert.Single(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
}
