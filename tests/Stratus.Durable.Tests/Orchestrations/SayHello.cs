using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

internal sealed class SayHello : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello {input}!");
}
