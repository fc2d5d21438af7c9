using System.Text;

namespace Stratus.Containers.Tests.Builders;

/// <summary>Finds processes through /proc: by a marker in their command line or a path in their environment.</summary>
internal static class LiveProcesses
{
    public static List<string> Matching(string commandLineMarker, string environmentMarker)
    {
        var found = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(folder, "stat")).Contains(") Z ", StringComparison.Ordinal))
                {
                    // A zombie has exited; only its parent's wait is missing.
                    continue;
                }

                var commandLine = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(folder, "cmdline"))).Replace('\0', ' ');
                var environment = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(folder, "environ")));
                if (commandLine.Contains(commandLineMarker, StringComparison.Ordinal) || environment.Contains(environmentMarker, StringComparison.Ordinal))
                {
                    found.Add($"{pid}: {commandLine}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
            }
        }

        return found;
    }

    /// <summary>Waits (bounded) for matching processes to be gone; returns those still alive.</summary>
    public static async Task<List<string>> WaitGoneAsync(string commandLineMarker, string environmentMarker, CancellationToken cancellationToken)
    {
        var alive = Matching(commandLineMarker, environmentMarker);
        for (var i = 0; i < 50 && alive.Count > 0; i++)
        {
            await Task.Delay(200, cancellationToken);
            alive = Matching(commandLineMarker, environmentMarker);
        }

        return alive;
    }
}
