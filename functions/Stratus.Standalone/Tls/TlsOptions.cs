using System.Net;

namespace Stratus.Standalone.Tls;

/// <summary><c>Stratus:Tls</c>: the names the local CA's server certificate covers besides the loopback ones.</summary>
internal sealed class TlsOptions
{
    public const string Section = "Stratus:Tls";

    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "::1"];

    /// <summary>More DNS names or IP addresses for the server certificate (the name clients use when it isn't 127.0.0.1).</summary>
    public IList<string> HostNames { get; } = [];

    /// <summary>The loopback names, the configured ones, and the HTTPS address's host when it names one.</summary>
    public IReadOnlyCollection<string> HostNamesFor(string? httpsUrl)
    {
        var names = new List<string>(Loopback);
        if (httpsUrl is not null && Uri.TryCreate(httpsUrl, UriKind.Absolute, out var url) && url.HostNameType is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6
            && !(IPAddress.TryParse(url.IdnHost, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))))
        {
            names.Add(url.IdnHost);
        }

        names.AddRange(HostNames.Select(n => n.Trim()));
        return names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
