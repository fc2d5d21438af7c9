namespace Stratus.Api.Identity.Contracts;

/// <summary>A team; <see cref="Groups"/> are identity-provider groups (Entra object ids) whose members belong to it.</summary>
internal sealed record CreateTeamRequest(string? Name, string? Description, IReadOnlyList<string>? Groups);
