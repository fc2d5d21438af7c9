using Stratus.Api.Api.Validation;

namespace Stratus.Api.Identity.Contracts;

/// <summary>Only the properties sent change. Disabling a user refuses their tokens at once.</summary>
internal sealed record UpdateUserRequest([property: Text(InputLimits.DisplayName)] string? DisplayName, [property: Text(InputLimits.Email)] string? Email, bool? Disabled, [property: Text(InputLimits.Password)] string? Password);
