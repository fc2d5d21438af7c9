namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Lets an activity's failure escape, failing the instance.</summary>
public sealed class FailUnhandled : Orchestrator<string, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, string input) =>
        await context.CallActivityAsync<string>(nameof(Fail), input);
}
