using Stratus.Durable;

namespace Stratus.Benchmarks.Durable;

/// <summary>Returns its input: the activity costs nothing, so a figure measures the engine alone.</summary>
internal sealed class Noop : Activity<int, int>
{
    public override Task<int> RunAsync(ActivityContext context, int input) => Task.FromResult(input);
}
