using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Throws <see cref="InvalidOperationException"/> with the input as its message.</summary>
internal sealed class Fail : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => throw new InvalidOperationException(input);
}
