using Stratus.Api.Api.Validation;

namespace Stratus.Api.Infra.Workspaces;

internal sealed record LockRequest([property: Text(InputLimits.Reason)] string? Reason);
