using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.Exceptions;

namespace Stratus.Durable.Embedded.CrashWorker;

/// <summary>
/// One life of the crash-test worker: schedule crash-000..crash-099 (skipping existing ones), run the worker, print
/// STARTED, and print DONE when all have finished. The test kills it at random points and starts it again.
/// </summary>
internal static class CrashRun
{
    public const int InstanceCount = 100;

    public static string InstanceId(int index) => "crash-" + index.ToString("000", CultureInfo.InvariantCulture);

    public static async Task<int> RunAsync(string databasePath, string effectsPath)
    {
        EffectsLog.Path = effectsPath;
        using var service = new EmbeddedOrchestrationService(new EmbeddedOrchestrationServiceSettings
        {
            DatabasePath = databasePath,
            // Few activities at a time, so a run lasts long enough for kills to land mid-way.
            MaxConcurrentActivities = 10,
            MaxConcurrentOrchestrations = 50,
        });
        await service.CreateIfNotExistsAsync();
        var client = new TaskHubClient(service);
        var allStatuses = Enum.GetValues<OrchestrationStatus>();
        for (var i = 0; i < InstanceCount; i++)
        {
            var instanceId = InstanceId(i);
            if (await service.GetOrchestrationStateAsync(instanceId, executionId: null!) is not null)
            {
                continue;
            }

            try
            {
                await client.CreateOrchestrationInstanceAsync(nameof(CrashSequenceOrchestrator), "", instanceId, null, null, allStatuses);
            }
            catch (OrchestrationAlreadyExistsException)
            {
                // Created by an earlier life between its check and its kill: exactly what idempotent scheduling allows.
            }
        }

        var worker = WorkerRegistration.CreateWorker(service);
        await worker.StartAsync();
        await Console.Out.WriteLineAsync("STARTED");
        await Console.Out.FlushAsync();

        for (var i = 0; i < InstanceCount; i++)
        {
            var state = await client.WaitForOrchestrationAsync(new OrchestrationInstance { InstanceId = InstanceId(i) }, TimeSpan.FromMinutes(3));
            if (state is null)
            {
                await Console.Error.WriteLineAsync($"{InstanceId(i)} did not finish");
                return 2;
            }
        }

        await worker.StopAsync(isForced: true);
        worker.Dispose();
        await Console.Out.WriteLineAsync("DONE");
        return 0;
    }
}
