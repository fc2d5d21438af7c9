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
        var again = allocator.Hold(1, new HashSet<int> { busy + 1 });
        allocator.Release([.. again, .. second]);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Hold_TwoAllocatorsInOneProcess_NeverHandOutTheSamePort()
    {
        // Two hosts in one process over one podman store: neither unit has bound its port yet when the other asks.
        var start = FreePort.Next();
        var (one, two) = (new PodmanPortAllocator(start, Math.Min(start + 50, 65535)), new PodmanPortAllocator(start, Math.Min(start + 50, 65535)));

        var first = one.Hold(1, new HashSet<int>());
        var second = two.Hold(1, new HashSet<int>());
        one.Release(first);
        two.Release(second);

        Assert.NotEqual(first[0], second[0]);
    }

    [Fact]
    public void Hold_RangeExhausted_Throws()
    {
        var port = FreePort.Next();
        var allocator = new PodmanPortAllocator(port, port);

        Assert.Throws<InvalidOperationException>(() => allocator.Hold(1, new HashSet<int> { port }));
    }
}
