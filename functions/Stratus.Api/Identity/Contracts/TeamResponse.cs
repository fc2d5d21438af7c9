using Stratus.Identity.Principals;

namespace Stratus.Api.Identity.Contracts;

internal sealed record TeamResponse(string Name, string? Description, IReadOnlyList<string> Groups, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static TeamResponse From(Team team) => new(team.Name, team.Description, team.Groups, team.CreatedAt, team.CreatedBy);
}
