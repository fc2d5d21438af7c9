using System.Net;
using System.Net.Sockets;

namespace Stratus.Orchestrations.Apps.ArchiveUrls;

/// <summary>
/// The address ranges a server-side fetch must not reach unless allowed: loopback, private (RFC 1918), shared (CGNAT),
/// link-local (169.254.169.254 is the cloud metadata service), multicast, unspecified, reserved and documentation
/// ranges, and their IPv6 counterparts. IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by it.
/// </summary>
internal static class NonPublicNetworks
{
    private static readonly IPNetwork[] V4 = Parse(
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4");

    // ::/96 covers ::, ::1 and the deprecated IPv4-compatible form; 2001::/23 the IETF protocol assignments (Teredo,
    // benchmarking, ORCHID); 64:ff9b:1::/48 local-use NAT64.
    private static readonly IPNetwork[] V6 = Parse(
        "::/96", "100::/64", "64:ff9b:1::/48", "2001::/23", "2001:db8::/32", "3fff::/20", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public static bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return Contains(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return V4.Any(n => n.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            return Contains(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (SixToFour.Contains(address))
        {
            return Contains(new IPAddress(bytes.AsSpan(2, 4)));
        }

        return V6.Any(n => n.Contains(address));
    }

    private static IPNetwork[] Parse(params string[] networks) => [.. networks.Select(n => IPNetwork.Parse(n))];
}
