using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Stratus.Durable.Embedded.Tests.Orchestrations;

/// <summary>Registers the test orchestrators and activities with a TaskHubWorker through the Durable Task SDK shim.</summary>
internal static class TestOrchestrations
{
    public static void Register(TaskHubWorker worker)
    {
        worker.AddTaskOrchestrations(
            Orchestration<SequenceOrchestrator>(),
            Orchestration<FanOutOrchestrator>(),
            Orchestration<TimerOrchestrator>(),
            Orchestration<ApprovalOrchestrator>(),
            Orchestration<ParentOrchestrator>(),
            Orchestration<CounterOrchestrator>(),
            Orchestration<CatchingOrchestrator>(),
            Orchestration<PayloadOrchestrator>());
        worker.AddTaskActivities(
            Activity<StepActivity>(),
            Activity<EchoActivity>(),
            Activity<DoubleActivity>(),
            Activity<FailingActivity>());
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
