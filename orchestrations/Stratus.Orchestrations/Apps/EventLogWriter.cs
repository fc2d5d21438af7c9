using Stratus.Apps.Events;
using Stratus.Infra.Execution;
using Stratus.Processes;

namespace Stratus.Orchestrations.Apps;

/// <summary>
/// An operation's log: lines are masked (private env values never reach the log), time-stamped and appended to the
/// event's log blob at most twice a second, so followers see progress live without one storage write per line.
/// </summary>
internal sealed class EventLogWriter : IAsyncDisposable
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(500);
    private readonly AppEventStore _events;
    private readonly string _eventId;
    private readonly LogMasker _masker;
    private readonly TimeProvider _time;
    private readonly List<string> _pending = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flushing;

    public EventLogWriter(AppEventStore events, string eventId, LogMasker masker, TimeProvider time)
    {
        _events = events;
        _eventId = eventId;
        _masker = masker;
        _time = time;
        _flushing = FlushLoopAsync();
    }

    public void Write(string line)
    {
        var stamped = $"{_time.GetUtcNow():HH:mm:ss.fff} {_masker.Mask(line)}";
        lock (_lock)
        {
            _pending.Add(stamped);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        string[] lines;
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            lines = [.. _pending];
            _pending.Clear();
        }

        await _events.AppendLogAsync(_eventId, lines, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _flushing;
        await FlushAsync(CancellationToken.None);
        _stop.Dispose();
    }

    private async Task FlushLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(FlushEvery, _time, _stop.Token);
                try
                {
                    await FlushAsync(_stop.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Storage hiccup: these lines are lost, the next flush goes on; the operation itself must not fail for its log.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: DisposeAsync writes what is left.
        }
    }
}
