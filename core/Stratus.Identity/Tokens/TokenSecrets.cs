using System.Security.Cryptography;
using System.Text;

namespace Stratus.Identity.Tokens;

/// <summary>
/// The token strings. <c>stratus_pat_</c> or <c>stratus_tt_</c>, 40 random base62 characters (238 bits) and a 6-character
/// CRC32 checksum, as GitHub's tokens: the prefix lets secret scanners find leaked tokens, the checksum lets them (and
/// us, before any storage read) tell a real token from a random string. Only the SHA-256 of a token is stored; the
/// secret has full entropy, so a fast hash is as strong as a slow one here.
/// </summary>
public static class TokenSecrets
{
    public const string PersonalPrefix = "stratus_pat_";
    public const string TeamPrefix = "stratus_tt_";
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int RandomLength = 40;
    private const int ChecksumLength = 6;

    public static string Create(TokenKind kind)
    {
        var random = RandomNumberGenerator.GetString(Alphabet, RandomLength);
        return Prefix(kind) + random + Checksum(random);
    }

    /// <summary>Whether the text is shaped like a Stratus token with a valid checksum, and of which kind.</summary>
    public static bool TryRecognize(string? text, out TokenKind kind)
    {
        kind = TokenKind.Personal;
        string body;
        if (text?.StartsWith(PersonalPrefix, StringComparison.Ordinal) == true)
        {
            body = text[PersonalPrefix.Length..];
        }
        else if (text?.StartsWith(TeamPrefix, StringComparison.Ordinal) == true)
        {
            kind = TokenKind.Team;
            body = text[TeamPrefix.Length..];
        }
        else
        {
            return false;
        }

        if (body.Length != RandomLength + ChecksumLength || body.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        return string.Equals(Checksum(body[..RandomLength]), body[RandomLength..], StringComparison.Ordinal);
    }

    /// <summary>The lookup key stored in place of the token: lower-case hex SHA-256.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Prefix(TokenKind kind) => kind == TokenKind.Team ? TeamPrefix : PersonalPrefix;

    private static string Checksum(string random)
    {
        var crc = Crc32(Encoding.ASCII.GetBytes(random));
        Span<char> digits = stackalloc char[ChecksumLength];
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            digits[i] = Alphabet[(int)(crc % 62)];
            crc /= 62;
        }

        return new string(digits);
    }

    // System.IO.Hashing is not in the package feed; the reflected CRC-32 (IEEE) is a few lines.
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
