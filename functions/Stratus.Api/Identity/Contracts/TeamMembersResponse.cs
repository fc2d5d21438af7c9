namespace Stratus.Api.Identity.Contracts;

/// <summary>Local members; members through identity-provider groups are known only when they sign in.</summary>
internal sealed record TeamMembersResponse(string Team, IReadOnlyList<string> Members, IReadOnlyList<string> Groups);
