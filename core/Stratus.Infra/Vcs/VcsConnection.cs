namespace Stratus.Infra.Vcs;

/// <summary>
/// An organization's connection to a VCS provider: its API base URL and an access token for commit statuses and
/// comments, plus the secret its webhooks are signed with. Both secrets are stored encrypted (SecretProtector values).
/// </summary>
public sealed record VcsConnection(
    string Organization,
    string Id,
    string Provider,
    string ApiUrl,
    string ProtectedToken,
    string ProtectedWebhookSecret,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    /// <summary>The encryption context of the token, so a token copied onto another connection fails to decrypt.</summary>
    public string TokenContext => $"vcs|{Organization}|{Id}|token";

    public string WebhookSecretContext => $"vcs|{Organization}|{Id}|webhook";
}
