using System.Net;
using System.Net.Sockets;

namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// Hands out host ports for units. A port is taken when a unit's container carries it as a label (running or not, so a
/// restarted host or a stopped unit never collides), when a rollout in flight holds it, or when something listens on it.
/// </summary>
internal sealed class PodmanPortAllocator
{
    // Process-wide, not per runtime: several hosts in one process (the tests run many over one podman store) would
    // otherwise each see a port free, and unlabelled, before either unit has bound it, and hand it out twice.
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Held = [];
    private readonly int _start;
    private readonly int _end;

    public PodmanPortAllocator(int start, int end)
    {
        if (start is < 1 or > 65535 || end < start || end > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"The unit port range {start}-{end} is not a valid TCP port range.");
        }

        _start = start;
        _end = end;
    }

    /// <summary>Holds <paramref name="count"/> free ports until <see cref="Release"/>; <paramref name="labelled"/> are the ports units already carry.</summary>
    public IReadOnlyList<int> Hold(int count, IReadOnlySet<int> labelled)
    {
        var ports = new List<int>(count);
        lock (Gate)
        {
            for (var port = _start; port <= _end && ports.Count < count; port++)
            {
                if (!labelled.Contains(port) && !Held.Contains(port) && IsFree(port))
                {
                    ports.Add(port);
                }
            }

            if (ports.Count < count)
            {
                throw new InvalidOperationException($"No free port left in {_start}-{_end} for {count} unit(s).");
            }

            Held.UnionWith(ports);
        }

        return ports;
    }

    /// <summary>Once the units carry their ports as labels (or are gone), the labels are what protects them.</summary>
    public void Release(IEnumerable<int> ports)
    {
        lock (Gate)
        {
            Held.ExceptWith(ports);
        }
    }

    // Any address, not only loopback: a unit's process (busybox httpd, for one) binds every interface.
    private static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
