namespace Stratus.Cli.Api.Models;

/// <summary>A team's local members and its identity-provider groups.</summary>
internal sealed record TeamMembers(string Team, IReadOnlyList<string> Members, IReadOnlyList<string>? Groups);
