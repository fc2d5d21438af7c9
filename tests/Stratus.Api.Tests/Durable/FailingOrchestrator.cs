using Microsoft.DurableTask;

namespace Stratus.Api.Tests.Durable;

/// <summary>Fails at once with an <see cref="InvalidOperationException"/> whose message is the input.</summary>
internal sealed class FailingOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => throw new InvalidOperationException(input);
}
