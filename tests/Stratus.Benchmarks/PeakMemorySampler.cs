using System.Diagnostics;

namespace Stratus.Benchmarks;

/// <summary>Samples the process working set while an operation runs and reports how far it rose above the start.</summary>
internal sealed class PeakMemorySampler : IAsyncDisposable
{
    private readonly long _baseline;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public PeakMemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        _baseline = CurrentWorkingSet();
        _peak = _baseline;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peak = Math.Max(_peak, CurrentWorkingSet());
                await Task.Delay(5);
            }
        });
    }

    public double PeakIncreaseMiB => (_peak - _baseline) / 1024.0 / 1024.0;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static long CurrentWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }
}
