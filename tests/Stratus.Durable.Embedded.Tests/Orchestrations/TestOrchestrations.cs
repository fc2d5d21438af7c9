using DurableTask.Core;
using Stratus.Durable.Embedded.CrashWorker;

namespace Stratus.Durable.Embedded.Tests.Orchestrations;

/// <summary>Registers the test orchestrators and activities with a TaskHubWorker through the Durable Task SDK shim.</summary>
internal static class TestOrchestrations
{
    public static void Register(TaskHubWorker worker)
    {
        worker.AddTaskOrchestrations(
            ShimRegistration.Orchestration<SequenceOrchestrator>(),
            ShimRegistration.Orchestration<FanOutOrchestrator>(),
            ShimRegistration.Orchestration<TimerOrchestrator>(),
            ShimRegistration.Orchestration<ApprovalOrchestrator>(),
            ShimRegistration.Orchestration<ParentOrchestrator>(),
            ShimRegistration.Orchestration<CounterOrchestrator>(),
            ShimRegistration.Orchestration<CatchingOrchestrator>(),
            ShimRegistration.Orchestration<PayloadOrchestrator>());
        worker.AddTaskActivities(
            ShimRegistration.Activity<StepActivity>(),
            ShimRegistration.Activity<EchoActivity>(),
            ShimRegistration.Activity<DoubleActivity>(),
            ShimRegistration.Activity<FailingActivity>());
    }
}
