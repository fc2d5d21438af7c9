namespace Stratus.Durable.Tests.Orchestrations;

public sealed class Echo : Activity<string, string>
{
    public override Task<string> RunAsync(ActivityContext context, string input) => Task.FromResult(input);
}
