namespace Stratus.Durable.Tests.Orchestrations;

public sealed class SayHello : Activity<string, string>
{
    public override Task<string> RunAsync(ActivityContext context, string input) => Task.FromResult($"Hello {input}!");
}
