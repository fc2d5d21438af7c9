namespace Stratus.Durable.Client;

/// <summary>One page of instances; pass <see cref="ContinuationToken"/> back for the next (null when there is none).</summary>
public sealed record OrchestrationQueryPage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
