using DurableTask.Core;

namespace Stratus.Durable.Embedded.CrashWorker;

/// <summary>Builds a TaskHubWorker on the embedded backend with this program's orchestrators and activities.</summary>
internal static class WorkerRegistration
{
    public static TaskHubWorker CreateWorker(EmbeddedOrchestrationService service)
    {
        var worker = new TaskHubWorker(service);
        worker.AddTaskOrchestrations(
            ShimRegistration.Orchestration<CrashSequenceOrchestrator>(),
            ShimRegistration.Orchestration<CrashChildOrchestrator>());
        worker.AddTaskActivities(ShimRegistration.Activity<CrashStepActivity>());
        return worker;
    }
}
