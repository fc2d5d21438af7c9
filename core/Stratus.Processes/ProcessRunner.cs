using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Stratus.Processes;

/// <summary>
/// Runs a process and streams its output, masked, a line at a time. Cancellation stops the whole process tree (see
/// <see cref="ProcessSpec.GracefulStopTimeout"/>) and waits for the process to exit before throwing
/// <see cref="OperationCanceledException"/>, so nothing the run started outlives it.
/// </summary>
public static class ProcessRunner
{
    /// <summary>Longer lines are delivered in pieces, so one runaway line cannot exhaust memory.</summary>
    public const int MaxLineLength = 16 * 1024;

    // Output already in the pipes arrives in milliseconds once the process has exited; a background child that keeps
    // the pipes open is not waited for beyond this.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(3);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Host variables passed to a process that does not inherit the environment.</summary>
    public static IReadOnlyList<string> BaseVariables { get; } =
    [
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR",
        "SSL_CERT_FILE", "SSL_CERT_DIR", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
        "SYSTEMROOT", "WINDIR", "TEMP", "TMP", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "PATHEXT", "COMSPEC",
    ];

    /// <summary>Runs the process with stdout and stderr merged, line by line, into <paramref name="onLine"/>; returns the exit code.</summary>
    public static Task<int> RunAsync(ProcessSpec spec, Action<string> onLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        return RunCoreAsync(spec, null, onLine, cancellationToken);
    }

    /// <summary>
    /// Runs the process copying stdout, raw and unmasked, into <paramref name="standardOutput"/> (for
    /// <c>output -json</c> and <c>show -json</c>, whose bytes must not be altered) and stderr, masked, into
    /// <paramref name="onErrorLine"/>; returns the exit code.
    /// </summary>
    public static Task<int> RunAsync(ProcessSpec spec, Stream standardOutput, Action<string> onErrorLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(standardOutput);
        ArgumentNullException.ThrowIfNull(onErrorLine);
        return RunCoreAsync(spec, standardOutput, onErrorLine, cancellationToken);
    }

    private static async Task<int> RunCoreAsync(ProcessSpec spec, Stream? standardOutput, Action<string> onLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        cancellationToken.ThrowIfCancellationRequested();

        using var process = new Process { StartInfo = CreateStartInfo(spec) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start '{spec.FileName}' in '{spec.WorkingDirectory}': {e.Message}", e);
        }

        // Nothing is ever typed into a run; EOF on stdin makes a stray prompt fail instead of hang.
        process.StandardInput.Close();

        var gate = new OutputGate(onLine, spec.Masker);
        var pumps = Task.WhenAll(
            Guard(standardOutput is null ? PumpLinesAsync(process.StandardOutput, gate) : CopyAsync(process.StandardOutput.BaseStream, standardOutput, gate), process),
            Guard(PumpLinesAsync(process.StandardError, gate), process));

        Task? stopping = null;
        try
        {
            var registration = cancellationToken.Register(() => stopping = StopAsync(process, spec.GracefulStopTimeout));
            try
            {
                await process.WaitForExitAsync(CancellationToken.None);
            }
            finally
            {
                // Waits for a callback in flight, so 'stopping' is settled after this.
                await registration.DisposeAsync();
            }

            if (stopping is not null)
            {
                await stopping;
            }

            await Task.WhenAny(pumps, Task.Delay(DrainTimeout, CancellationToken.None));
        }
        finally
        {
            gate.Close();
            if (!HasExited(process))
            {
                ProcessTree.Kill(process);
            }

            // Pumps left behind by a lingering background child end with the pipe; observe their outcome quietly.
            _ = pumps.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        if (pumps.IsFaulted)
        {
            // A callback or the output stream failed; the process was killed for it. That failure is the one to report.
            await pumps;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return process.ExitCode;
    }

    private static ProcessStartInfo CreateStartInfo(ProcessSpec spec)
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = spec.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            CreateNoWindow = true,
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (!spec.InheritEnvironment)
        {
            info.Environment.Clear();
            foreach (var name in BaseVariables)
            {
                if (Environment.GetEnvironmentVariable(name) is { } value)
                {
                    info.Environment[name] = value;
                }
            }
        }

        foreach (var (name, value) in spec.Environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private static async Task StopAsync(Process process, TimeSpan? gracefulStopTimeout)
    {
        if (gracefulStopTimeout is { } grace && grace > TimeSpan.Zero && ProcessTree.CanInterrupt)
        {
            var descendants = ProcessTree.Descendants(process.Id);
            if (ProcessTree.Interrupt(process.Id))
            {
                try
                {
                    await process.WaitForExitAsync(CancellationToken.None).WaitAsync(grace);
                }
                catch (TimeoutException)
                {
                    // Did not stop in time: killed below.
                }
            }

            ProcessTree.Kill(process);

            // The root may have exited cleanly and orphaned children it had started (terraform kills local-exec's
            // shell, not what that shell put in the background): the snapshot finds them.
            foreach (var pid in descendants)
            {
                ProcessTree.Kill(pid);
            }

            return;
        }

        ProcessTree.Kill(process);
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static async Task Guard(Task pump, Process process)
    {
        try
        {
            await pump;
        }
        catch
        {
            // Nobody reads the pipes any more: stop the process rather than let it block on a full pipe.
            ProcessTree.Kill(process);
            throw;
        }
    }

    private static async Task PumpLinesAsync(StreamReader reader, OutputGate gate)
    {
        var buffer = new char[4096];
        var line = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None)) > 0)
        {
            var rest = buffer.AsSpan(0, read);
            while (!rest.IsEmpty)
            {
                var newline = rest.IndexOf('\n');
                if (newline < 0)
                {
                    line.Append(rest);
                    rest = [];
                    if (line.Length >= MaxLineLength)
                    {
                        Flush(line, gate);
                    }
                }
                else
                {
                    line.Append(rest[..newline]);
                    rest = rest[(newline + 1)..];
                    Flush(line, gate);
                }
            }
        }

        if (line.Length > 0)
        {
            Flush(line, gate);
        }
    }

    private static void Flush(StringBuilder line, OutputGate gate)
    {
        if (line.Length > 0 && line[^1] == '\r')
        {
            line.Length--;
        }

        gate.Line(line.ToString());
        line.Clear();
    }

    private static async Task CopyAsync(Stream source, Stream sink, OutputGate gate)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            gate.Write(sink, buffer.AsSpan(0, read));
        }
    }
}
