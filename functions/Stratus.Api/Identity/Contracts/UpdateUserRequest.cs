namespace Stratus.Api.Identity.Contracts;

/// <summary>Only the properties sent change. Disabling a user refuses their tokens at once.</summary>
internal sealed record UpdateUserRequest(string? DisplayName, string? Email, bool? Disabled, string? Password);
