using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>A long activity: it runs until <see cref="ActivityCancellation"/> says the worker is stopping.</summary>
internal sealed class WaitForStop(ActivityCancellation cancellation, StopSignals signals) : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        signals.Started.TrySetResult();
        if (!signals.Block)
        {
            return $"{input} done";
        }

        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            signals.Cancelled.TrySetResult();
            throw;
        }

        return $"{input} done";
    }
}
