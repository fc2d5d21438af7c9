namespace Stratus.Durable.Client;

/// <summary>An instance as clients see it. Inputs and outputs are JSON; read them with the <c>Read…As</c> helpers.</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastUpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? SerializedInput { get; init; }

    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    public FailureDetails? FailureDetails { get; init; }

    public string? ParentInstanceId { get; init; }

    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.ContinuedAsNew;

    public bool IsCompleted => RuntimeStatus.IsTerminal();

    public T? ReadInputAs<T>() => DurableSerializer.Deserialize<T>(SerializedInput);

    public T? ReadOutputAs<T>() => DurableSerializer.Deserialize<T>(SerializedOutput);

    public T? ReadCustomStatusAs<T>() => DurableSerializer.Deserialize<T>(SerializedCustomStatus);
}
