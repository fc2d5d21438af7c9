using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.Tests.Orchestrations;

/// <summary>Runs a <see cref="SequenceOrchestrator"/> child with a known instance id and wraps its result.</summary>
public sealed class ParentOrchestrator : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        var child = await context.CallSubOrchestratorAsync<string>(
            nameof(SequenceOrchestrator), input, new SubOrchestrationOptions { InstanceId = context.InstanceId + "-child" });
        return $"parent({child})";
    }
}
