using Microsoft.DurableTask;

namespace Stratus.Benchmarks.Durable;

/// <summary>Returns its input: the activity costs nothing, so a figure measures the runtime and its backend alone.</summary>
internal sealed class Noop : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
}
