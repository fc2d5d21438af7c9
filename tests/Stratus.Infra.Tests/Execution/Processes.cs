using System.Globalization;

namespace Stratus.Infra.Tests.Execution;

/// <summary>Checks on processes by pid, through /proc.</summary>
internal static class Processes
{
    /// <summary>
    /// True once the process no longer runs. A zombie counts as gone: it runs nothing, and in a container whose PID 1
    /// does not reap orphans it never disappears.
    /// </summary>
    public static bool IsGone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is 'Z' or 'X';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    public static async Task<bool> WaitUntilGoneAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!IsGone(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>
    /// The processes between this test process and <paramref name="pid"/>, <paramref name="pid"/> included: the tree a
    /// run started (e.g. terraform, sh, sleep).
    /// </summary>
    public static IReadOnlyList<int> TreeUpToThisProcess(int pid)
    {
        var chain = new List<int>();
        for (var current = pid; current > 1 && current != Environment.ProcessId; current = ParentOf(current))
        {
            chain.Add(current);
        }

        return chain;
    }

    /// <summary>Test clean-up for a process a failed test may have left running.</summary>
    public static void KillQuietly(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone.
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static int ParseAfter(string line, string marker) =>
        int.Parse(line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim(), CultureInfo.InvariantCulture);
}
