using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Calls <see cref="WaitForStop"/> and returns its result.</summary>
internal sealed class CallWaitForStop : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallActivityAsync<string>(nameof(WaitForStop), input);
}
