using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Stratus.Durable.Embedded.CrashWorker;

/// <summary>Builds a TaskHubWorker on the embedded backend with this program's orchestrators and activities.</summary>
internal static class WorkerRegistration
{
    public static TaskHubWorker CreateWorker(EmbeddedOrchestrationService service)
    {
        var worker = new TaskHubWorker(service);
        worker.AddTaskOrchestrations(
            Orchestration<CrashSequenceOrchestrator>(),
            Orchestration<CrashChildOrchestrator>(),
            Orchestration<BenchSequenceOrchestrator>(),
            Orchestration<BenchFanOutOrchestrator>());
        worker.AddTaskActivities(Activity<CrashStepActivity>(), Activity<BenchActivity>());
        return worker;
    }

    private static ShimObjectCreator<TaskOrchestration> Orchestration<T>()
        where T : ITaskOrchestrator, new()
    {
        var name = typeof(T).Name;
        return new ShimObjectCreator<TaskOrchestration>(name, () => DurableTaskShimFactory.Default.CreateOrchestration(name, new T()));
    }

    private static ShimObjectCreator<DurableTask.Core.TaskActivity> Activity<T>()
        where T : ITaskActivity, new()
    {
        var name = typeof(T).Name;
        return new ShimObjectCreator<DurableTask.Core.TaskActivity>(name, () => DurableTaskShimFactory.Default.CreateActivity(name, new T()));
    }
}
