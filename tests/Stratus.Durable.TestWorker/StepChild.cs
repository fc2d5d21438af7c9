namespace Stratus.Durable.TestWorker;

/// <summary>The sub-orchestration of <see cref="StepChain"/>: one more step.</summary>
internal sealed class StepChild : Orchestrator<long, long>
{
    public override Task<long> RunAsync(OrchestrationContext context, long input) =>
        context.CallActivityAsync<long>(nameof(Step), input);
}
