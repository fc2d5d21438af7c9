using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Sends its input through <see cref="Echo"/> and returns what came back: a payload travels every way once.</summary>
internal sealed class EchoPayload : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallActivityAsync<string>(nameof(Echo), input);
}
