namespace Stratus.Orchestrations.Apps;

/// <param name="Status"><c>succeeded</c>, <c>failed</c> or <c>canceled</c>.</param>
public sealed record FinishInput(AppOperationInput Operation, string Status, int? Version, string? Error);
