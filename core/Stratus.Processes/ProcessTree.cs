using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Stratus.Processes;

/// <summary>Signals and descendants of a process, for stopping a whole tree even after its root has exited.</summary>
internal static class ProcessTree
{
    private const int SigInt = 2;

    public static bool CanInterrupt => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Sends SIGINT, as Ctrl+C would; false when the platform cannot or the process is gone.</summary>
    public static bool Interrupt(int pid) => CanInterrupt && NativeMethods.Kill(pid, SigInt) == 0;

    /// <summary>
    /// The pids below <paramref name="pid"/>, read from /proc (empty elsewhere). Taken before a graceful stop because a
    /// process whose parent exits is re-parented and can no longer be found from the root.
    /// </summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child))
            {
                continue;
            }

            if (ParentOf(directory) is { } parent)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(child);
            }
        }

        var found = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var child in children.GetValueOrDefault(current) ?? [])
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>Kills the process and its tree; a process that is already gone is fine.</summary>
    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Gone already, or exiting.
        }
    }

    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            Kill(process);
        }
        catch (ArgumentException)
        {
            // Gone already.
        }
    }

    private static int? ParentOf(string procDirectory)
    {
        try
        {
            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so parse after the last ')'.
            var stat = File.ReadAllText(Path.Combine(procDirectory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process exited while we looked.
            return null;
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Kill(int pid, int signal);
    }
}
