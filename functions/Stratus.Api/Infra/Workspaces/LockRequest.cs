namespace Stratus.Api.Infra.Workspaces;

internal sealed record LockRequest(string? Reason);
