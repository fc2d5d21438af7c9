using System.Net.Sockets;

namespace Stratus.Orchestrations.Apps.ArchiveUrls;

/// <summary>
/// The archive client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself, checks every
/// address with <see cref="ArchiveAddressPolicy"/> and connects to exactly those addresses, so a DNS answer that
/// changes between a check and the connection (rebinding) cannot switch the target. Every connection goes through it,
/// redirects included.
/// </summary>
internal sealed class ArchiveUrlConnector(ArchiveAddressPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await policy.ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
