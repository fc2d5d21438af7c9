using System.Text.RegularExpressions;

namespace Stratus.Secrets;

/// <summary>
/// The keys sensitive values are encrypted with: the active key (base64 of 32 random bytes, AES-256) and its id,
/// which every ciphertext carries, plus retired keys by id that still decrypt older values. To rotate, give the
/// new key a new id and move the old key to <see cref="RetiredKeys"/>; values are re-encrypted with the active key
/// whenever they are written, or all at once with <see cref="VariableStore.ReencryptAsync"/>.
/// </summary>
public sealed partial record SecretProtectorOptions
{
    public const int KeyBytes = 32;
    public const int MaxKeyIdLength = 32;

    /// <summary>The active key: base64 of 32 bytes (e.g. <c>openssl rand -base64 32</c>).</summary>
    public string? Key { get; init; }

    /// <summary>The active key's id: 1–32 letters, digits, '_' or '-'.</summary>
    public string KeyId { get; init; } = "default";

    /// <summary>Keys that only decrypt, by id.</summary>
    public IReadOnlyDictionary<string, string> RetiredKeys { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Every problem with these options, worded with <paramref name="settingPrefix"/> so each names its setting.</summary>
    public IReadOnlyList<string> Problems(string settingPrefix = "")
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Key))
        {
            problems.Add($"{settingPrefix}SecretKey is not set: sensitive variables need a 32-byte AES key, base64-encoded (generate one with `openssl rand -base64 32`).");
        }
        else if (DecodeKey(Key) is null)
        {
            problems.Add($"{settingPrefix}SecretKey is not a base64-encoded 32-byte key (generate one with `openssl rand -base64 32`).");
        }

        if (KeyIdProblem(KeyId) is { } idProblem)
        {
            problems.Add($"{settingPrefix}SecretKeyId: {idProblem}");
        }

        foreach (var (id, key) in RetiredKeys)
        {
            if (KeyIdProblem(id) is { } retiredIdProblem)
            {
                problems.Add($"{settingPrefix}RetiredSecretKeys:{id}: {retiredIdProblem}");
            }
            else if (string.Equals(id, KeyId, StringComparison.Ordinal))
            {
                problems.Add($"{settingPrefix}RetiredSecretKeys:{id} has the active key's id; a retired key needs an id of its own.");
            }

            if (DecodeKey(key) is null)
            {
                problems.Add($"{settingPrefix}RetiredSecretKeys:{id} is not a base64-encoded 32-byte key.");
            }
        }

        return problems;
    }

    /// <returns>The 32 key bytes, or <c>null</c> if <paramref name="key"/> is not base64 of exactly 32 bytes.</returns>
    public static byte[]? DecodeKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var buffer = new byte[KeyBytes + 3];
        return Convert.TryFromBase64String(key.Trim(), buffer, out var written) && written == KeyBytes ? buffer[..KeyBytes] : null;
    }

    public static string? KeyIdProblem(string? id) =>
        id is not null && id.Length <= MaxKeyIdLength && KeyIdPattern().IsMatch(id)
            ? null
            : $"the key id '{id}' is not valid: use 1–{MaxKeyIdLength} letters, digits, '_' or '-'.";

    [GeneratedRegex("^[A-Za-z0-9_-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();
}
