namespace Stratus.Api.Security;

/// <summary>
/// Marks endpoints whose clients can only send HTTP Basic (terraform's http state backend), so the API document offers
/// them the Basic scheme beside the bearer token. The authenticator reads Basic the same way everywhere; this only
/// says where it is the expected form.
/// </summary>
public sealed record BasicCredentialsAccepted(string Reason);
