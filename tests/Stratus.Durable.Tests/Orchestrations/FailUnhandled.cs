using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Lets <see cref="Fail"/>'s failure escape, failing the instance.</summary>
internal sealed class FailUnhandled : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallActivityAsync<string>(nameof(Fail), input);
}
