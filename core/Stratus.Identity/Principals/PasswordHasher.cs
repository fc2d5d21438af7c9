using System.Security.Cryptography;
using System.Text;

namespace Stratus.Identity.Principals;

/// <summary>
/// Local users' passwords: PBKDF2-HMAC-SHA256 with OWASP's 600,000 iterations and a 16-byte salt, stored as
/// <c>pbkdf2-sha256$iterations$salt$hash</c> so the cost can rise later without breaking old hashes.
/// </summary>
public static class PasswordHasher
{
    public const int MinimumLength = 12;
    private const int Iterations = 600_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Scheme = "pbkdf2-sha256";

    public static string? Problem(string? password) =>
        password is null || password.Length < MinimumLength || password.Length > 256
            ? $"A password needs {MinimumLength} to 256 characters."
            : null;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>Whether the password matches; a damaged stored value never matches and never throws.</summary>
    public static bool Verify(string password, string? stored)
    {
        var parts = stored?.Split('$');
        if (parts is not [Scheme, var iterationsText, var saltText, var hashText]
            || !int.TryParse(iterationsText, System.Globalization.CultureInfo.InvariantCulture, out var iterations) || iterations < 1
            || !TryDecode(saltText, out var salt) || salt.Length == 0
            || !TryDecode(hashText, out var expected) || expected.Length < 16)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var buffer = new byte[text.Length];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
