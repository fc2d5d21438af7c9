using System.Net;
using System.Net.Sockets;

namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// Hands out host ports for units. A port is taken when a unit's container carries it as a label (running or not, so a
/// restarted host or a stopped unit never collides), when a rollout in flight holds it, or when something listens on it.
/// A rollout's hold is also a lock on a file named after the port in a machine-wide folder, so hosts in other processes
/// (two API processes on one machine, test assemblies side by side) see it too; the operating system drops the lock
/// when a process dies, so a killed host never strands a port.
/// </summary>
internal sealed class PodmanPortAllocator
{
    // Process-wide, not per runtime: several hosts in one process (the tests run many over one podman store) would
    // otherwise each see a port free, and unlabelled, before either unit has bound it, and hand it out twice.
    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, FileStream?> Held = [];
    private readonly int _start;
    private readonly int _end;
    private readonly string? _lockDirectory;

    /// <param name="lockDirectory">Where the per-port lock files live (shared by every host on the machine); null holds in this process only.</param>
    public PodmanPortAllocator(int start, int end, string? lockDirectory = null)
    {
        if (start is < 1 or > 65535 || end < start || end > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"The unit port range {start}-{end} is not a valid TCP port range.");
        }

        _start = start;
        _end = end;
        if (lockDirectory is not null)
        {
            Directory.CreateDirectory(lockDirectory);
            _lockDirectory = lockDirectory;
        }
    }

    /// <summary>Holds <paramref name="count"/> free ports until <see cref="Release"/>; <paramref name="labelled"/> are the ports units already carry.</summary>
    public IReadOnlyList<int> Hold(int count, IReadOnlySet<int> labelled)
    {
        var ports = new List<int>(count);
        lock (Gate)
        {
            var locks = new List<FileStream?>(count);
            for (var port = _start; port <= _end && ports.Count < count; port++)
            {
                if (labelled.Contains(port) || Held.ContainsKey(port) || !IsFree(port) || !TryLock(port, out var held))
                {
                    continue;
                }

                ports.Add(port);
                locks.Add(held);
            }

            if (ports.Count < count)
            {
                locks.ForEach(l => l?.Dispose());
                throw new InvalidOperationException($"No free port left in {_start}-{_end} for {count} unit(s).");
            }

            for (var i = 0; i < ports.Count; i++)
            {
                Held[ports[i]] = locks[i];
            }
        }

        return ports;
    }

    /// <summary>Once the units carry their ports as labels (or are gone), the labels are what protects them.</summary>
    public void Release(IEnumerable<int> ports)
    {
        lock (Gate)
        {
            foreach (var port in ports)
            {
                if (Held.Remove(port, out var held))
                {
                    held?.Dispose();
                }
            }
        }
    }

    // FileShare.None is an exclusive advisory lock (flock) on Unix: another process's attempt fails at once.
    private bool TryLock(int port, out FileStream? held)
    {
        held = null;
        if (_lockDirectory is null)
        {
            return true;
        }

        try
        {
            held = new FileStream(Path.Combine(_lockDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture)), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Locked by another process, or a lock file another user made: either way, not this host's to hand out.
            return false;
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
