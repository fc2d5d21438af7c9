namespace Stratus.Durable;

/// <summary>What an activity knows about its call. <see cref="CancellationToken"/> fires when the worker shuts down.</summary>
public sealed record ActivityContext(string Name, string InstanceId, int TaskId, int Attempt, CancellationToken CancellationToken);
