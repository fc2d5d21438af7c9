using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Durable.Storage;

namespace Stratus.Durable.Worker;

/// <summary>
/// The polling worker: leases control partitions and listens on them, and competes for work items. Stopping stops
/// receiving at once, lets work in flight finish (until the host's shutdown token fires, then cancels activities),
/// and gives its partitions back so other workers take over without waiting for the leases to expire.
/// </summary>
internal sealed class DurableWorker : IHostedService, IDisposable
{
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(5);

    private readonly TaskHub _hub;
    private readonly PartitionManager _partitions;
    private readonly OrchestrationProcessor _processor;
    private readonly DurableMessageHandler _handler;
    private readonly DurableSignals _signals;
    private readonly SessionCache _sessions;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DurableWorker> _logger;
    private readonly DurableOptions _options;
    private readonly InstanceSerializer _serializer = new();
    private readonly SemaphoreSlim _orchestrationSlots;
    private readonly SemaphoreSlim _activitySlots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly Dictionary<int, (CancellationTokenSource Stop, Task Loop)> _listeners = [];
    private readonly List<Task> _inFlight = [];
    private readonly Lock _lock = new();
    private Task? _partitionLoop;
    private Task? _workItemLoop;
    private Task? _stopped;

    public DurableWorker(
        TaskHub hub,
        PartitionManager partitions,
        OrchestrationProcessor processor,
        DurableMessageHandler handler,
        DurableSignals signals,
        SessionCache sessions,
        IOptions<DurableOptions> options,
        TimeProvider timeProvider,
        ILogger<DurableWorker> logger)
    {
        _hub = hub;
        _partitions = partitions;
        _processor = processor;
        _handler = handler;
        _signals = signals;
        _sessions = sessions;
        _timeProvider = timeProvider;
        _logger = logger;
        _options = options.Value;
        _orchestrationSlots = new SemaphoreSlim(_options.MaxConcurrentOrchestrations);
        _activitySlots = new SemaphoreSlim(_options.MaxConcurrentActivities);
        _partitions.Acquired += StartListening;
        _partitions.Released += StopListening;
    }

    /// <summary>The control partitions this worker holds now.</summary>
    public IReadOnlyList<int> OwnedPartitions => _partitions.Owned;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.RunWorker)
        {
            return;
        }

        await _hub.EnsureCreatedAsync();
        var workItems = new WorkItemListener(_hub.WorkItems, _handler, _activitySlots, _signals, _options, _timeProvider, _logger);
        _workItemLoop = Task.Run(() => workItems.RunAsync(_stopping.Token, _abort.Token, _inFlight), CancellationToken.None);
        _partitionLoop = Task.Run(() => _partitions.RunAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Safe to call more than once and concurrently (hosts may stop twice); every caller awaits one stop.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _stopped ??= _partitionLoop is null ? Task.CompletedTask : StopCoreAsync(_partitionLoop, cancellationToken);
            return _stopped;
        }
    }

    private async Task StopCoreAsync(Task partitionLoop, CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        Task[] loops;
        lock (_lock)
        {
            loops = [.. _listeners.Values.Select(l => l.Loop)];
        }

        await Task.WhenAll([.. loops, partitionLoop, _workItemLoop ?? Task.CompletedTask]);
        Task[] inFlight;
        lock (_inFlight)
        {
            inFlight = [.. _inFlight];
        }

        try
        {
            await Task.WhenAll(inFlight).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of time: cancel what is still running and give it a moment to hand its messages back, so nothing
            // runs on against a host that is being disposed.
            await _abort.CancelAsync();
            try
            {
                await Task.WhenAll(inFlight).WaitAsync(AbortGrace, CancellationToken.None);
            }
            catch (Exception)
            {
                // Cancelled work ends in exceptions by design; its messages reappear for another worker.
            }
        }
        catch (Exception)
        {
            // Failures were logged where they happened; their messages reappear for another worker.
        }

        try
        {
            await _partitions.ReleaseAllAsync(CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            // Storage went away first; the leases expire on their own.
        }

        _sessions.Clear();
    }

    public void Dispose()
    {
        _partitions.Acquired -= StartListening;
        _partitions.Released -= StopListening;
        _stopping.Dispose();
        _abort.Dispose();
        _orchestrationSlots.Dispose();
        _activitySlots.Dispose();
    }

    private void StartListening(int partition)
    {
        lock (_lock)
        {
            if (_listeners.ContainsKey(partition) || _stopping.IsCancellationRequested)
            {
                return;
            }

            var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            var listener = new ControlQueueListener(_hub.ControlQueues[partition], _processor, _serializer, _orchestrationSlots, _signals, _options, _logger);
            _listeners[partition] = (stop, Task.Run(() => listener.RunAsync(stop.Token, _abort.Token, _inFlight), CancellationToken.None));
        }
    }

    private void StopListening(int partition)
    {
        lock (_lock)
        {
            if (_listeners.Remove(partition, out var listener))
            {
                listener.Stop.Cancel();
            }
        }

        // Another worker owns these instances now; what this one remembers about them may go stale.
        _sessions.Clear();
    }
}
