using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.CrashWorker;

/// <summary>A no-op activity: the benchmark measures the backend and DTFx, not activity work.</summary>
public sealed class BenchActivity : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input + 1);
}
