namespace Stratus.Api.Identity.Contracts;

/// <summary>Who the API thinks you are, how you signed in, your teams and every grant that applies to you.</summary>
internal sealed record WhoAmIResponse(string Principal, string Method, TokenResponse? Token, IReadOnlyList<string> Teams, IReadOnlyList<GrantResponse> Grants);
