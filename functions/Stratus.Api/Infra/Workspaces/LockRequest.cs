using Microsoft.Extensions.Validation;
using Stratus.Api.Api.Validation;

namespace Stratus.Api.Infra.Workspaces;

[ValidatableType]
internal sealed record LockRequest([property: Text(InputLimits.Reason)] string? Reason);
