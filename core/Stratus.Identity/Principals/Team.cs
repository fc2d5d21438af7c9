namespace Stratus.Identity.Principals;

/// <summary>
/// A team: members are local memberships plus anyone whose identity-provider token carries one of <see cref="Groups"/>
/// (Entra group object ids or names), which is how Terrakube maps teams onto groups.
/// </summary>
public sealed record Team(string Name, string? Description, IReadOnlyList<string> Groups, DateTimeOffset CreatedAt, string CreatedBy);
