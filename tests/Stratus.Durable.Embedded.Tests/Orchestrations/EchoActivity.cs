using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.Tests.Orchestrations;

/// <summary>Returns its input unchanged (large-payload round trips).</summary>
public sealed class EchoActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input);
}
