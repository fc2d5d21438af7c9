namespace Stratus.Durable.History;

/// <summary>The orchestration that started a sub-orchestration, and the step of its that waits for the result.</summary>
public sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskId);
