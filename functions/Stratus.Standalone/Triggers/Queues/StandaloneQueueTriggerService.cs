using Microsoft.Extensions.Options;
using Stratus.Api.Triggers;
using Stratus.Storage;

namespace Stratus.Standalone.Triggers.Queues;

/// <summary>
/// Standalone, fires the queue functions that the Functions host fires in Azure: one listener per
/// <see cref="QueueFunctionTrigger"/> in the catalog. Stopping stops the receiving at once and lets invocations in
/// flight finish until the host's shutdown timeout; then they are cancelled and their messages released.
/// </summary>
internal sealed class StandaloneQueueTriggerService(
    FunctionCatalog catalog,
    IStorageAccount storage,
    QueueWakeup wakeup,
    IServiceScopeFactory scopes,
    IOptions<QueueTriggerOptions> options,
    TimeProvider timeProvider,
    IConfiguration configuration,
    ILoggerFactory loggerFactory) : IHostedService, IDisposable
{
    private const string DefaultConnection = "AzureWebJobsStorage";
    private const string PoisonSuffix = "-poison";

    /// <summary>After the shutdown timeout, how long the cancelled invocations get to release their messages.</summary>
    private static readonly TimeSpan ReleaseGrace = TimeSpan.FromSeconds(10);

    private readonly ILogger _logger = loggerFactory.CreateLogger<StandaloneQueueTriggerService>();
    private readonly TriggerShutdown _shutdown = new();
    private readonly List<Task> _listeners = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Every listener is built before any runs, so a bad declaration fails start-up without half the listeners up.
        var listeners = CreateListeners();
        if (listeners.Count == 0)
        {
            QueueTriggerLog.NoQueueFunctions(_logger);
        }

        foreach (var listener in listeners)
        {
            _listeners.Add(Task.Run(() => listener.RunAsync(_shutdown.Stopping, _shutdown.Abort), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Safe to call more than once and concurrently: hosts may stop twice (WebApplicationFactory does), and every
    /// caller awaits the one stop.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        _shutdown.StopOnceAsync(() => StopCoreAsync(cancellationToken));

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        await _shutdown.CancelStoppingAsync();
        try
        {
            await Task.WhenAll(_listeners).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            QueueTriggerLog.ShutdownTimeout(_logger);
            await _shutdown.CancelAbortAsync();

            // The cancelled invocations release their messages now; the host disposes the storage account once this
            // returns, so wait for that (briefly: a handler that ignores its token must not hold shutdown forever).
            try
            {
                await Task.WhenAll(_listeners).WaitAsync(ReleaseGrace, timeProvider);
            }
            catch (TimeoutException)
            {
                // Messages still held become visible again when their visibility timeout ends.
            }
        }
    }

    /// <summary>
    /// Without <see cref="StopAsync"/> this is a crash as far as the queues can tell: the listeners stop at once and
    /// messages in flight become visible again when their visibility timeout ends.
    /// </summary>
    public void Dispose() => _shutdown.Dispose();

    private List<QueueListener> CreateListeners()
    {
        var listeners = new List<QueueListener>();
        var listenerLogger = loggerFactory.CreateLogger<QueueListener>();
        foreach (var function in catalog.Functions)
        {
            if (function.Trigger is not QueueFunctionTrigger { ListenStandalone: true } trigger)
            {
                continue;
            }

            if (!string.Equals(trigger.Connection, DefaultConnection, StringComparison.OrdinalIgnoreCase))
            {
                QueueTriggerLog.OtherConnection(_logger, function.Name, trigger.Connection, storage.Description);
            }

            var queueName = ResolveQueueName(function.Name, trigger.QueueName);
            try
            {
                listeners.Add(new QueueListener(
                    function,
                    storage.Queues.GetQueue(queueName),
                    storage.Queues.GetQueue(queueName + PoisonSuffix),
                    options.Value,
                    scopes,
                    wakeup,
                    timeProvider,
                    listenerLogger));
            }
            catch (InvalidStorageRequestException ex)
            {
                throw new InvalidOperationException($"Queue function '{function.Name}' cannot listen on '{queueName}' (its poison queue is '{queueName}{PoisonSuffix}'): {ex.Message}", ex);
            }
        }

        return listeners;
    }

    /// <summary>As the Functions host: <c>%Setting%</c> names an app setting, and queue names are lower-cased.</summary>
    private string ResolveQueueName(string functionName, string declared)
    {
        var name = declared.Trim();
        if (name.Length > 2 && name.StartsWith('%') && name.EndsWith('%'))
        {
            var setting = name[1..^1];
            name = configuration[setting] is { Length: > 0 } value
                ? value.Trim()
                : throw new InvalidOperationException($"Queue function '{functionName}' listens on '{declared}', but app setting '{setting}' is not set.");
        }

        return name.ToLowerInvariant();
    }
}
