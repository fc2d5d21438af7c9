using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.Tests.Orchestrations;

public sealed class DoubleActivity : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input * 2);
}
