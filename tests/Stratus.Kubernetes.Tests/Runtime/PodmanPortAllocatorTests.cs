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
    public async Task Hold_PortHeldByAnotherProcessOnTheSameStore_IsSkippedUntilThatProcessEnds()
    {
        // Another host's process (here util-linux's flock, as .NET's exclusive FileStream locks are flock locks) holds
        // the first port of the range for a rollout whose unit has not bound it yet; --close keeps the lock in flock
        // itself, not in its sleeping child, so ending flock ends the hold as a host's death would.
        var folder = Directory.CreateTempSubdirectory("stratus-port-holds-").FullName;
        var start = FreePort.Next();
        using var other = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("flock", ["--exclusive", "--close", Path.Combine(folder, start.ToString(System.Globalization.CultureInfo.InvariantCulture)), "sleep", "60"]))!;
        try
        {
            await Poll.UntilAsync(() => Task.FromResult(IsLocked(Path.Combine(folder, start.ToString(System.Globalization.CultureInfo.InvariantCulture)))), "the other process holds the port's lock", TestTimeout.Token(30));
            var allocator = new PodmanPortAllocator(start, Math.Min(start + 50, 65535), folder);

            var whileHeld = allocator.Hold(1, new HashSet<int>());
            allocator.Release(whileHeld);
            other.Kill(entireProcessTree: true);
            await other.WaitForExitAsync(TestTimeout.Token(30));
            var afterItEnded = allocator.Hold(1, new HashSet<int>());
            allocator.Release(afterItEnded);

            Assert.NotEqual(start, whileHeld[0]);
            Assert.Equal(start, afterItEnded[0]);
        }
        finally
        {
            if (!other.HasExited)
            {
                other.Kill(entireProcessTree: true);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Hold_RangeExhausted_Throws()
    {
        var port = FreePort.Next();
        var allocator = new PodmanPortAllocator(port, port);

        Assert.Throws<InvalidOperationException>(() => allocator.Hold(1, new HashSet<int> { port }));
    }

    private static bool IsLocked(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
