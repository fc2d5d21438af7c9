using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Stratus.Durable;

/// <summary>
/// Runs the registered classes on DTFx's <see cref="TaskHubWorker"/> through the Durable Task SDK's shim factory: the
/// same runtime Durable Functions and the SDK's own workers use, so replay, determinism and dispatch are DTFx's.
/// Creates the task hub at start (whether or not this process runs a worker) so clients can use it at once.
/// </summary>
internal sealed partial class DurableWorkerHost(
    IOrchestrationService service,
    DurableRegistry registry,
    IServiceProvider services,
    ActivityCancellation activityCancellation,
    IOptions<DurableOptions> options,
    ILoggerFactory loggerFactory,
    ILogger<DurableWorkerHost> logger) : IHostedService, IDisposable
{
    private TaskHubWorker? _worker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await service.CreateIfNotExistsAsync();
        if (!options.Value.RunWorker)
        {
            return;
        }

        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        _worker = new TaskHubWorker(service, loggerFactory)
        {
            // Failures reach orchestrators as TaskFailedException with FailureDetails, as the SDK expects.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        _worker.AddTaskOrchestrations([.. registry.Orchestrators.Select(o => new OrchestratorCreator(o.Key, o.Value, services, shims))]);
        _worker.AddTaskActivities([.. registry.Activities.Select(a => new ActivityCreator(a.Key, a.Value, scopes, shims))]);
        await _worker.StartAsync();
        LogStarted(logger, options.Value.Backend, registry.Orchestrators.Count, registry.Activities.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Long activities stop first; their work items are delivered again after a restart.
        activityCancellation.Cancel();
        if (_worker is not null)
        {
            await _worker.StopAsync(isForced: false);
            LogStopped(logger);
        }
    }

    public void Dispose() => _worker?.Dispose();

    [LoggerMessage(EventId = 2500, Level = LogLevel.Information, Message = "Durable worker started on the {Backend} backend: {Orchestrators} orchestrators, {Activities} activities")]
    private static partial void LogStarted(ILogger logger, DurableBackend backend, int orchestrators, int activities);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Durable worker stopped")]
    private static partial void LogStopped(ILogger logger);
}
