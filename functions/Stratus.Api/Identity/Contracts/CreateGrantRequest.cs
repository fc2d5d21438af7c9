using Stratus.Api.Api.Validation;

namespace Stratus.Api.Identity.Contracts;

/// <summary><c>{"principal": "team:payments", "role": "app-developer", "scope": "team:payments"}</c>.</summary>
internal sealed record CreateGrantRequest([property: Text(InputLimits.Reference)] string? Principal, [property: Text(InputLimits.IdentityName)] string? Role, [property: Text(InputLimits.Reference)] string? Scope);
