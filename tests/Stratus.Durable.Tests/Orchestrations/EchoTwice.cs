namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Sends its input through an activity and returns it doubled: large payloads travel both ways.</summary>
public sealed class EchoTwice : Orchestrator<string, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, string input) =>
        await context.CallActivityAsync<string>(nameof(Echo), input) + await context.CallActivityAsync<string>(nameof(Echo), input);
}
