using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Stratus.Sandbox.ContainerApps.Tests.Fakes;

/// <summary>
/// One job execution of the fake: its container really runs, as a local process with only the template's environment
/// (plus the PATH an image has). Its disk is simulated by deleting the host working directory before the start and
/// after the exit, so the step's files reach the host only through the bundles, as they would in Azure.
/// </summary>
public sealed class FakeExecution
{
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset Time, string Line)> _rows = [];
    private System.Diagnostics.Process? _process;
    private bool _stopRequested;

    public FakeExecution(string name, JsonObject template)
    {
        Name = name;
        Template = template;
    }

    public string Name { get; }

    public JsonObject Template { get; }

    public string Status { get; private set; } = "Running";

    public DateTimeOffset StartTime { get; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? EndTime { get; private set; }

    public JsonObject Container => (JsonObject)Template["containers"]![0]!;

    public IReadOnlyDictionary<string, string> Environment =>
        (Container["env"] as JsonArray ?? []).ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>(), StringComparer.Ordinal);

    public IReadOnlyList<(DateTimeOffset Time, string Line)> Rows
    {
        get
        {
            lock (_gate)
            {
                return [.. _rows];
            }
        }
    }

    public void Run(TimeSpan stopGracePeriod)
    {
        var command = (Container["command"] as JsonArray ?? []).Select(c => c!.GetValue<string>()).ToList();
        var args = (Container["args"] as JsonArray ?? []).Select(c => c!.GetValue<string>());
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var argument in command.Skip(1).Concat(args))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        var workingDirectory = Environment.GetValueOrDefault("STRATUS_SANDBOX_DIR");
        DeleteTree(workingDirectory);
        var process = new System.Diagnostics.Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Row(e.Data);
        process.ErrorDataReceived += (_, e) => Row(e.Data);
        process.Exited += (_, _) =>
        {
            process.WaitForExit();
            DeleteTree(workingDirectory);
            lock (_gate)
            {
                Status = _stopRequested ? "Stopped" : process.ExitCode == 0 ? "Succeeded" : "Failed";
                EndTime = DateTimeOffset.UtcNow;
            }

            process.Dispose();
        };
        _process = process;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = KillAfterAsync(stopGracePeriod);
    }

    /// <summary>As Container Apps does: SIGTERM now, SIGKILL once the grace period has passed.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (Status != "Running" || _process is not { } process)
            {
                return;
            }

            _stopRequested = true;
            using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }

    private async Task KillAfterAsync(TimeSpan stopGracePeriod)
    {
        while (Status == "Running")
        {
            bool stopping;
            lock (_gate)
            {
                stopping = _stopRequested;
            }

            if (stopping)
            {
                await Task.Delay(stopGracePeriod);
                try
                {
                    _process?.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }

                return;
            }

            await Task.Delay(50);
        }
    }

    private void Row(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _rows.Add((DateTimeOffset.UtcNow, line));
        }
    }

    private static void DeleteTree(string? path)
    {
        if (path is { Length: > 1 } && Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
