using System.Security.Cryptography;
using Azure;

namespace Stratus.Storage.Embedded;

/// <summary>
/// ETags are random rather than derived from the clock: the tests' fake clock can stand still across many writes, and
/// every write must still yield a new ETag, also when two processes write in the same tick.
/// </summary>
internal static class EmbeddedETags
{
    /// <summary>A table entity ETag, weak and quoted like the Table service's <c>W/"datetime'…'"</c>.</summary>
    public static string NewEntityETag() => $"W/\"0x{RandomHex()}\"";

    /// <summary>A blob ETag, strong and quoted like the Blob service's <c>"0x8DC…"</c>.</summary>
    public static string NewBlobETag() => $"\"0x{RandomHex()}\"";

    /// <summary>Whether a stored ETag satisfies an If-Match: <see cref="ETag.All"/> matches anything, otherwise exact text.</summary>
    public static bool Matches(ETag condition, string stored) =>
        condition == ETag.All || string.Equals(condition.ToString(), stored, StringComparison.Ordinal);

    private static string RandomHex()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexString(bytes);
    }
}
