namespace Stratus.Cli.Api.Models;

/// <summary>Who the API thinks the caller is, how they signed in, their teams and every grant that applies to them.</summary>
internal sealed record WhoAmI(string Principal, string Method, TokenInfo? Token, IReadOnlyList<string> Teams, IReadOnlyList<GrantInfo> Grants);
