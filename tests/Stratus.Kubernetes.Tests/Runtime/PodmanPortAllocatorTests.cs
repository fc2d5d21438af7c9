using System.Net;
using System.Net.Sockets;
using Stratus.Kubernetes.Runtime;
using Stratus.Testing;

namespace Stratus.Kubernetes.Tests.Runtime;

public sealed class PodmanPortAllocatorTests
{
    [Fact]
    public void Hold_PortsLabelledListeningOrHeld_AreSkipped()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var busy = ((IPEndPoint)listener.LocalEndpoint).Port;
        var allocator = new PodmanPortAllocator(busy, Math.Min(busy + 50, 65535));

        var first = allocator.Hold(1, new HashSet<int> { busy + 1 });
        var second = allocator.Hold(1, new HashSet<int> { busy + 1 });

        Assert.NotEqual(busy, first[0]);
        Assert.NotEqual(busy + 1, first[0]);
        Assert.NotEqual(first[0], second[0]);
        allocator.Release(first);
        Assert.Equal(first, allocator.Hold(1, new HashSet<int> { busy + 1 }));
    }

    [Fact]
    public void Hold_RangeExhausted_Throws()
    {
        var port = FreePort.Next();
        var allocator = new PodmanPortAllocator(port, port);

        Assert.Throws<InvalidOperationException>(() => allocator.Hold(1, new HashSet<int> { port }));
    }
}
