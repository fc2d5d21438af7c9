namespace Stratus.Api.Orchestrations;

/// <summary>One page of instances; pass <see cref="ContinuationToken"/> back unchanged for the next (null on the last page).</summary>
internal sealed record OrchestrationInstancePage(IReadOnlyList<OrchestrationInstance> Items, string? ContinuationToken);
