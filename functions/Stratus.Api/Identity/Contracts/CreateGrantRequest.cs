namespace Stratus.Api.Identity.Contracts;

/// <summary><c>{"principal": "team:payments", "role": "app-developer", "scope": "team:payments"}</c>.</summary>
internal sealed record CreateGrantRequest(string? Principal, string? Role, string? Scope);
