namespace Stratus.Functions.Infra.Workspaces;

internal sealed record LockRequest(string? Reason);
