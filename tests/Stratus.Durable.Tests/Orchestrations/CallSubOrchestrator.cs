using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Runs an orchestrator as its child; returns "ok:{output}", or "failed:{error type}:{message}" from the failure it caught.</summary>
internal sealed class CallSubOrchestrator : TaskOrchestrator<SubCall, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, SubCall input)
    {
        try
        {
            var options = input.ChildId is null ? null : new SubOrchestrationOptions { InstanceId = input.ChildId };
            var output = await context.CallSubOrchestratorAsync<int>(input.Name, input.Input, options);
            return $"ok:{output}";
        }
        catch (TaskFailedException failed)
        {
            return $"failed:{failed.FailureDetails.ErrorType}:{failed.FailureDetails.ErrorMessage}";
        }
    }
}
