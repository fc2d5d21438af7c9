using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

internal sealed class Square : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input * input);
}
