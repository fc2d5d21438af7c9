namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Runs the named orchestrator as a sub-orchestration; returns its output, or its failure as "failed:{type}:{message}".</summary>
public sealed class CallSubOrchestrator : Orchestrator<SubCall, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, SubCall input)
    {
        try
        {
            var output = await context.CallSubOrchestratorAsync<object?>(input.Name, input.Input, input.ChildId);
            return "ok:" + DurableSerializer.Serialize(output);
        }
        catch (TaskFailedException failed)
        {
            var inner = failed.FailureDetails.InnerFailure ?? failed.FailureDetails;
            return $"failed:{failed.FailureDetails.ErrorType}:{inner.ErrorType}:{inner.ErrorMessage}";
        }
    }
}
