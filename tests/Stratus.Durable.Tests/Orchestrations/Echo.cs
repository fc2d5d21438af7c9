using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

internal sealed class Echo : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input);
}
