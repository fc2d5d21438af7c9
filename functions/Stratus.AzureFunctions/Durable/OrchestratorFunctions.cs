using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Stratus.Orchestrations.AppJobs;
using Stratus.Orchestrations.Apps;
using Stratus.Orchestrations.Jobs;

namespace Stratus.AzureFunctions.Durable;

/// <summary>
/// One <c>[OrchestrationTrigger]</c> per orchestrator class, named as the class (the name the orchestrations call
/// each other and their activities by). Class-based registration would need Microsoft.DurableTask.Generators, which
/// is not served, so each wrapper runs its class by hand.
/// </summary>
internal static class OrchestratorFunctions
{
    [Function(nameof(WorkspaceQueueOrchestrator))]
    public static Task<string> WorkspaceQueue([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new WorkspaceQueueOrchestrator().RunAsync(context, Input<WorkspaceQueueInput>(context));

    [Function(nameof(JobOrchestrator))]
    public static Task<string> Job([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new JobOrchestrator().RunAsync(context, Input<JobInput>(context));

    [Function(nameof(AppOperationOrchestrator))]
    public static Task<string> AppOperation([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new AppOperationOrchestrator().RunAsync(context, Input<AppOperationInput>(context));

    [Function(nameof(AppJobRunOrchestrator))]
    public static Task<string> AppJobRun([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new AppJobRunOrchestrator().RunAsync(context, Input<AppJobRunInput>(context));

    private static T Input<T>(TaskOrchestrationContext context) =>
        context.GetInput<T>() ?? throw new InvalidOperationException($"{context.Name} instance {context.InstanceId} was started without its {typeof(T).Name} input.");
}
