namespace Stratus.Api.Identity.Contracts;

internal sealed record UpdateTeamRequest(string? Description, IReadOnlyList<string>? Groups);
