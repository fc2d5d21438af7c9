using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.Tests.Orchestrations;

/// <summary>Returns a result derived from its input, so a lost or swapped result shows in the orchestration output.</summary>
public sealed class StepActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"<{input}>");
}
