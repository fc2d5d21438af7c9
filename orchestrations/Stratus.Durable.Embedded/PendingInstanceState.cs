using DurableTask.Core;
using DurableTask.Core.History;

namespace Stratus.Durable.Embedded;

/// <summary>The instance row written when a start message is committed, before the instance's first episode runs.</summary>
internal static class PendingInstanceState
{
    public static OrchestrationState From(ExecutionStartedEvent started, DateTime nowUtc) => new()
    {
        OrchestrationInstance = new OrchestrationInstance
        {
            InstanceId = started.OrchestrationInstance.InstanceId,
            ExecutionId = started.OrchestrationInstance.ExecutionId,
        },
        Name = started.Name,
        Version = started.Version,
        Input = started.Input,
        Tags = started.Tags,
        ParentInstance = started.ParentInstance,
        ScheduledStartTime = started.ScheduledStartTime,
        OrchestrationStatus = OrchestrationStatus.Pending,
        CreatedTime = nowUtc,
        LastUpdatedTime = nowUtc,
        CompletedTime = DateTime.MinValue,
        Generation = started.Generation ?? 0,
    };
}
