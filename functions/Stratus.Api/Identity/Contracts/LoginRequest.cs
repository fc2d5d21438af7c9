using Stratus.Api.Api.Validation;

namespace Stratus.Api.Identity.Contracts;

internal sealed record LoginRequest([property: Text(InputLimits.IdentityName)] string? Name, [property: Text(InputLimits.Password)] string? Password);
