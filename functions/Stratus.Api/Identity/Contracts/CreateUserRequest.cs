using Stratus.Api.Api.Validation;

namespace Stratus.Api.Identity.Contracts;

/// <summary>A local user. Without a password the user signs in only with tokens an admin creates for them.</summary>
internal sealed record CreateUserRequest([property: Text(InputLimits.IdentityName)] string? Name, [property: Text(InputLimits.DisplayName)] string? DisplayName, [property: Text(InputLimits.Email)] string? Email, [property: Text(InputLimits.Password)] string? Password);
