namespace Stratus.Functions.Identity.Contracts;

internal sealed record LoginRequest(string? Name, string? Password);
