namespace Stratus.Api.Identity.Contracts;

/// <summary>A local user. Without a password the user signs in only with tokens an admin creates for them.</summary>
internal sealed record CreateUserRequest(string? Name, string? DisplayName, string? Email, string? Password);
