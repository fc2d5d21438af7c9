namespace Stratus.Benchmarks;

/// <summary>Runs one scenario of a suite with its own time limit; a failure prints <c>FAILED &lt;name&gt;</c> and the suite goes on.</summary>
internal static class BenchmarkScenario
{
    /// <returns>False when the scenario failed or ran out of time.</returns>
    public static async Task<bool> RunAsync(string name, TimeSpan timeout, Func<CancellationToken, Task> scenario)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await scenario(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"FAILED {name}: did not finish within {timeout.TotalSeconds:0} s");
            return false;
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync($"FAILED {name}: {exception}");
            return false;
        }
    }
}
