namespace Stratus.Api.Identity.Contracts;

internal sealed record LoginRequest(string? Name, string? Password);
