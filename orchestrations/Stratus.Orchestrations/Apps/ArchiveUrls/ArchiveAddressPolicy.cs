using System.Net;
using Microsoft.Extensions.Options;

namespace Stratus.Orchestrations.Apps.ArchiveUrls;

/// <summary>
/// Decides which addresses an archive download may connect to: every address a host resolves to must be public, in
/// an allowed network, or the host itself must be allowed by name. One disallowed address refuses the host, so a
/// name that resolves to both a public and a private address cannot be used to reach the private one.
/// </summary>
internal sealed class ArchiveAddressPolicy(IOptions<ArchiveUrlOptions> options)
{
    private readonly HashSet<string> _hosts = new(options.Value.AllowedHosts.Select(Normalize), StringComparer.OrdinalIgnoreCase);
    private readonly IPNetwork[] _networks = [.. options.Value.AllowedNetworks.Select(n => IPNetwork.Parse(n))];

    /// <returns>The addresses to connect to, all of them checked.</returns>
    /// <exception cref="ArchiveUrlRefusedException">The host resolves to an address that is not allowed, or to none.</exception>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var name = Normalize(host);
        var addresses = IPAddress.TryParse(name, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(name, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new ArchiveUrlRefusedException($"'{host}' resolves to no address.");
        }

        if (!_hosts.Contains(name) && addresses.FirstOrDefault(a => !Allows(a)) is { } refused)
        {
            throw new ArchiveUrlRefusedException(
                $"'{host}' resolves to {refused}, which is not a public address; allow it with {ArchiveUrlOptions.SectionName}:AllowedHosts or :AllowedNetworks if it should be reachable.");
        }

        return addresses;
    }

    public bool Allows(IPAddress address) =>
        !NonPublicNetworks.Contains(address) || _networks.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));

    private static string Normalize(string host) => host.Trim().Trim('[', ']').TrimEnd('.');
}
