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
    private int _stopped;

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

    /// <remarks>
    /// Idempotent, and safe against a concurrent <see cref="Dispose"/>: test hosts are stopped and disposed more than
    /// once (a derived WebApplicationFactory is disposed by its test and again by its parent), and DTFx's worker
    /// throws if it is disposed while it stops.
    /// </remarks>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        // Long activities stop first; their work items are delivered again after a restart.
        activityCancellation.Cancel();
        var worker = Interlocked.Exchange(ref _worker, null);
        if (worker is not null)
        {
            try
            {
                await worker.StopAsync(isForced: false);
                LogStopped(logger);
            }
            finally
            {
                worker.Dispose();
            }
        }
    }

    public void Dispose() => Interlocked.Exchange(ref _worker, null)?.Dispose();

    [LoggerMessage(EventId = 2500, Level = LogLevel.Information, Message = "Durable worker started on the {Backend} backend: {Orchestrators} orchestrators, {Activities} activities")]
    private static partial void LogStarted(ILogger logger, DurableBackend backend, int orchestrators, int activities);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Durable worker stopped")]
    private static partial void LogStopped(ILogger logger);
}
