using DurableTask.Core;

namespace Stratus.Durable.Embedded;

/// <summary>An orchestration work item that remembers which lock it came from and how much of its history is already stored.</summary>
internal sealed class EmbeddedOrchestrationWorkItem : TaskOrchestrationWorkItem
{
    public required LockedInstanceSession Lock { get; init; }

    /// <summary>The state object handed out; DTFx passes a different one back after continue-as-new.</summary>
    public required OrchestrationRuntimeState LoadedState { get; init; }

    /// <summary>Events 0..n-1 of <see cref="LoadedState"/> are already rows in <c>history</c>; a completion appends the rest.</summary>
    public required int PersistedEventCount { get; init; }

    /// <summary>True when the stored history belongs to an older execution this work item starts over, so it is replaced.</summary>
    public required bool ReplacesStoredHistory { get; init; }
}
