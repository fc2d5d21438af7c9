namespace Stratus.Durable.Tests.Orchestrations;

public sealed class Square : Activity<int, int>
{
    public override Task<int> RunAsync(ActivityContext context, int input) => Task.FromResult(input * input);
}
