namespace Stratus.Standalone.Triggers;

/// <summary>
/// The cancellation sources of a standalone trigger service and the rules around them: a stop runs once however
/// often, and however concurrently, the host asks (WebApplicationFactory stops twice), and disposing leaves the
/// sources to a stop still running, disposing them once it ends.
/// </summary>
internal sealed class TriggerShutdown : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _lock = new();
    private Task? _stopped;
    private bool _disposed;

    /// <summary>Stop receiving or scheduling new work.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>Cancel work in flight (the shutdown ran out of time).</summary>
    public CancellationToken Abort { get; }

    public TriggerShutdown()
    {
        Stopping = _stopping.Token;
        Abort = _abort.Token;
    }

    public Task CancelStoppingAsync() => _stopping.CancelAsync();

    public Task CancelAbortAsync() => _abort.CancelAsync();

    public void CancelAbort() => _abort.Cancel();

    /// <summary>Runs <paramref name="stop"/> the first time; later and concurrent callers await that same stop.</summary>
    public Task StopOnceAsync(Func<Task> stop)
    {
        lock (_lock)
        {
            return _disposed ? Task.CompletedTask : _stopped ??= stop();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _stopping.Cancel();
        _abort.Cancel();
        if (_stopped is { IsCompleted: false } stopping)
        {
            _ = stopping.ContinueWith(_ => DisposeSources(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            DisposeSources();
        }
    }

    private void DisposeSources()
    {
        _stopping.Dispose();
        _abort.Dispose();
    }
}
