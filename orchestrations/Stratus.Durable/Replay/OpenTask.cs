namespace Stratus.Durable.Replay;

/// <summary>A durable task the orchestrator awaits: an activity, timer or sub-orchestration not yet finished.</summary>
internal sealed record OpenTask(int Id, string Name, TaskCompletionSource<string?> Completion);
