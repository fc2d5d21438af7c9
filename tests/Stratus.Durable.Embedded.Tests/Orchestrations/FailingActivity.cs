using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.Tests.Orchestrations;

public sealed class FailingActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => throw new InvalidOperationException($"activity failed on {input}");
}
