namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Throws <see cref="InvalidOperationException"/> with the input as its message.</summary>
public sealed class Fail : Activity<string, string>
{
    public override Task<string> RunAsync(ActivityContext context, string input) => throw new InvalidOperationException(input);
}
