using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Stratus.Benchmarks;

/// <summary>
/// The physical limit a download over loopback is held against: the same bytes sent over a bare loopback TCP socket,
/// with no HTTP, no TLS and no storage, measured in the same run.
/// </summary>
internal static class LoopbackTransfer
{
    /// <returns>MiB/s of sending <paramref name="payload"/> from one loopback socket to another and reading it to the end.</returns>
    public static async Task<double> MeasureAsync(byte[] payload, CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var watch = Stopwatch.StartNew();
        var send = Task.Run(async () =>
        {
            using var server = await listener.AcceptTcpClientAsync(cancellationToken);
            await server.GetStream().WriteAsync(payload, cancellationToken);
        }, cancellationToken);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
        var buffer = new byte[1 << 20];
        long read = 0;
        var stream = client.GetStream();
        while (read < payload.Length)
        {
            var n = await stream.ReadAsync(buffer, cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        await send;
        return read / 1048576.0 / watch.Elapsed.TotalSeconds;
    }
}
