namespace Stratus.Identity.Stores;

/// <summary>What an authorization code stands for: who signed in, for which client and redirect, with which PKCE challenge.</summary>
public sealed record AuthorizationGrant(string UserName, string ClientId, string RedirectUri, string CodeChallenge);
