namespace Stratus.Api.Infra.Variables;

/// <summary>
/// The key that encrypts sensitive variables, bound from <c>Stratus:Infra</c>. Outside local mode (storage provider
/// <c>Embedded</c> or the Development environment) <see cref="SecretKey"/> or <see cref="SecretKeyFile"/> is
/// required; in Azure make <c>Stratus__Infra__SecretKey</c> a Key Vault reference. In local mode, without either, a
/// key is generated once into the user's profile (never into the data folder), as ASP.NET Core's Data Protection keeps
/// its development keys there.
/// </summary>
public sealed class SecretKeyOptions
{
    public const string SectionName = "Stratus:Infra";
    public const string SettingPrefix = SectionName + ":";

    /// <summary>The active key: base64 of 32 random bytes (<c>openssl rand -base64 32</c>).</summary>
    public string? SecretKey { get; set; }

    /// <summary>The active key's id, stored with every ciphertext; give a new key a new id when rotating.</summary>
    public string SecretKeyId { get; set; } = "default";

    /// <summary>Keys that still decrypt older values, by id (<c>Stratus:Infra:RetiredSecretKeys:&lt;id&gt;</c>).</summary>
    public Dictionary<string, string> RetiredSecretKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A JSON file <c>{"keyId": "…", "key": "…"}</c> holding the active key, used when <see cref="SecretKey"/> is unset
    /// (e.g. a mounted secret). In local mode it is created if missing; the default is
    /// <c>&lt;local application data&gt;/Stratus/secret-key.json</c> (<c>~/.local/share/Stratus/secret-key.json</c> on Linux).
    /// </summary>
    public string? SecretKeyFile { get; set; }

    /// <summary>The default local key file, or <c>null</c> if this user has no local application data folder.</summary>
    public static string? DefaultKeyFile()
    {
        var folder = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(folder) ? null : Path.Combine(folder, "Stratus", "secret-key.json");
    }

    /// <summary>Local mode: the embedded store or the Development environment, where a generated key is acceptable.</summary>
    public static bool IsLocal(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsDevelopment() || !string.Equals(configuration["Stratus:Storage:Provider"], "Azure", StringComparison.OrdinalIgnoreCase);
}
