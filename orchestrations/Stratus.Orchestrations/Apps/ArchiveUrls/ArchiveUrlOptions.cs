namespace Stratus.Orchestrations.Apps.ArchiveUrls;

/// <summary>
/// Where a deploy from an <c>archive-url</c> may download from (<c>Stratus:Apps:ArchiveUrl</c>). By default only
/// public addresses: the server fetches the URL with its own network position, so a private address would let any
/// deployer reach what only the server can (cloud metadata, the loopback API, the internal network).
/// </summary>
public sealed class ArchiveUrlOptions
{
    public const string SectionName = "Stratus:Apps:ArchiveUrl";

    /// <summary>
    /// Host names (or IP literals) trusted whatever they resolve to, compared without case and port, e.g. an internal
    /// artifact server. A redirect to a host not listed is checked again.
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>Networks in CIDR form (<c>10.20.0.0/16</c>, <c>fd00:1::/64</c>) whose addresses are allowed besides public ones.</summary>
    public IList<string> AllowedNetworks { get; } = [];
}
