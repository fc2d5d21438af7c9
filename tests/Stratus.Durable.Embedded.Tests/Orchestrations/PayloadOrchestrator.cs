using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.Tests.Orchestrations;

/// <summary>Passes its (large) input through an activity and returns the activity's result.</summary>
public sealed class PayloadOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallActivityAsync<string>(nameof(EchoActivity), input);
}
