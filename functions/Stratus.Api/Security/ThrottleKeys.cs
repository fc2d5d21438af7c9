using Stratus.Identity.Tokens;

namespace Stratus.Api.Security;

/// <summary>
/// The <see cref="Stratus.Identity.Stores.LoginThrottle"/> keys: a user name, a presented credential, a client address.
/// A credential is keyed by a prefix of its SHA-256, so no secret (and no full token lookup hash) is stored.
/// </summary>
internal static class ThrottleKeys
{
    public static string User(string name) => $"login-user|{name}";

    public static string Credential(string presented) => $"credential|{TokenSecrets.Hash(presented)[..32]}";

    /// <summary>Token, identity-provider and password failures from one address share one count.</summary>
    public static string Address(HttpContext context) => $"address|{context.ClientAddress()}";
}
