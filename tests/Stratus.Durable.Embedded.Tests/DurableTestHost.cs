using DurableTask.Core;
using Stratus.Durable.Embedded.Tests.Orchestrations;

namespace Stratus.Durable.Embedded.Tests;

/// <summary>A real embedded backend on a temporary SQLite file, a TaskHubWorker running the test orchestrations through the shim, and a DTFx client.</summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    private readonly bool _ownsDirectory;

    private DurableTestHost(string directory, bool ownsDirectory, EmbeddedOrchestrationService service)
    {
        Directory = directory;
        _ownsDirectory = ownsDirectory;
        Service = service;
        Client = new TaskHubClient(service);
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "durable.db");

    public EmbeddedOrchestrationService Service { get; }

    public TaskHubWorker? Worker { get; private set; }

    public TaskHubClient Client { get; }

    public static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "stratus-durable-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Opens the backend; <paramref name="directory"/> reuses an existing store (restart tests), which the caller then deletes.</summary>
    public static async Task<DurableTestHost> StartAsync(string? directory = null, bool startWorker = true)
    {
        var ownsDirectory = directory is null;
        directory ??= NewDirectory();
        var service = new EmbeddedOrchestrationService(new EmbeddedOrchestrationServiceSettings { DatabasePath = Path.Combine(directory, "durable.db") });
        await service.CreateIfNotExistsAsync();
        var host = new DurableTestHost(directory, ownsDirectory, service);
        if (startWorker)
        {
            await host.StartWorkerAsync();
        }

        return host;
    }

    public async Task StartWorkerAsync()
    {
        Worker = new TaskHubWorker(Service);
        TestOrchestrations.Register(Worker);
        await Worker.StartAsync();
    }

    public Task<OrchestrationInstance> StartAsync<TOrchestrator>(object? input, string? instanceId = null) =>
        Client.CreateOrchestrationInstanceAsync(typeof(TOrchestrator).Name, "", instanceId ?? Guid.NewGuid().ToString("N"), input);

    /// <summary>Waits (in-process notification, no polling) for a terminal state; fails the test at the deadline.</summary>
    public async Task<OrchestrationState> WaitForCompletionAsync(OrchestrationInstance instance, int seconds = 60)
    {
        var state = await Client.WaitForOrchestrationAsync(instance, TimeSpan.FromSeconds(seconds));
        Assert.True(state is not null, $"{instance.InstanceId} did not finish within {seconds}s");
        return state;
    }

    /// <summary>Polls until the instance reports <paramref name="status"/>, failing at the deadline.</summary>
    public async Task<OrchestrationState> WaitForStatusAsync(string instanceId, OrchestrationStatus status, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var state = await Service.GetOrchestrationStateAsync(instanceId, executionId: null!);
            if (state?.OrchestrationStatus == status)
            {
                return state;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{instanceId} is {state?.OrchestrationStatus.ToString() ?? "missing"}, not {status}, after {seconds}s");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Worker is not null)
        {
            await Worker.StopAsync(isForced: true);
            Worker.Dispose();
        }

        Service.Dispose();
        if (_ownsDirectory)
        {
            TryDelete(Directory);
        }
    }

    public static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does not affect other tests.
        }
    }
}
