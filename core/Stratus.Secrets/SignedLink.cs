using System.Globalization;

namespace Stratus.Secrets;

/// <summary>A link's expiry (Unix seconds) and signature, as <see cref="LinkSigner"/> made them.</summary>
public sealed record SignedLink(long Expires, string Signature)
{
    /// <summary>The query string (<c>?expires=…&amp;signature=…</c>) that makes a path a working link.</summary>
    public string Query => $"?expires={Expires.ToString(CultureInfo.InvariantCulture)}&signature={Signature}";
}
