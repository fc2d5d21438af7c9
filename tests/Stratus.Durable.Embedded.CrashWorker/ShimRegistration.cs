using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Stratus.Durable.Embedded.CrashWorker;

/// <summary>
/// Registers Microsoft.DurableTask classes with a bare DTFx worker through the SDK's shim, under their class names.
/// Shims carry per-execution state, so DTFx gets a fresh one per execution. (The embedded backend sits below the
/// Stratus runtime, so its tests and this worker register classes themselves.)
/// </summary>
internal static class ShimRegistration
{
    public static ShimObjectCreator<TaskOrchestration> Orchestration<T>()
        where T : ITaskOrchestrator, new()
    {
        var name = typeof(T).Name;
        return new ShimObjectCreator<TaskOrchestration>(name, () => DurableTaskShimFactory.Default.CreateOrchestration(name, new T()));
    }

    public static ShimObjectCreator<DurableTask.Core.TaskActivity> Activity<T>()
        where T : ITaskActivity, new()
    {
        var name = typeof(T).Name;
        return new ShimObjectCreator<DurableTask.Core.TaskActivity>(name, () => DurableTaskShimFactory.Default.CreateActivity(name, new T()));
    }
}
