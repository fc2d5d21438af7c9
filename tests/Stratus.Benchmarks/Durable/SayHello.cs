using Stratus.Durable;

namespace Stratus.Benchmarks.Durable;

internal sealed class SayHello : Activity<string, string>
{
    public override Task<string> RunAsync(ActivityContext context, string input) => Task.FromResult($"Hello {input}!");
}
