using Stratus.Api.Api.Validation;

namespace Stratus.Api.Identity.Contracts;

/// <summary>A token's name (unique enough for you to recognise it) and lifetime in days (default from settings).</summary>
internal sealed record CreateTokenRequest([property: Text(InputLimits.Name)] string? Name, int? ExpiresInDays);
