using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.CrashWorker;

/// <summary>The sub-orchestration of each crash instance: one step.</summary>
public sealed class CrashChildOrchestrator : TaskOrchestrator<string?, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string? input) =>
        context.CallActivityAsync<string>(nameof(CrashStepActivity), $"{context.InstanceId}|c");
}
