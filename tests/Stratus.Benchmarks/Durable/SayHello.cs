using Microsoft.DurableTask;

namespace Stratus.Benchmarks.Durable;

/// <summary>The activity of the Durable Functions HelloSequence sample.</summary>
internal sealed class SayHello : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello {input}!");
}
