namespace Stratus.Api.Identity.Contracts;

/// <summary>A token's name (unique enough for you to recognise it) and lifetime in days (default from settings).</summary>
internal sealed record CreateTokenRequest(string? Name, int? ExpiresInDays);
