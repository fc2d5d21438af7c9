using System.Diagnostics;

namespace Stratus.Testing;

public static class ChildProcess
{
    /// <summary>Kills a server the tests started, with its children, by its PID; tolerates one already gone.</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }
}
