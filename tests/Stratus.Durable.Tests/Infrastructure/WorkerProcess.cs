using System.Collections.Concurrent;
using System.Diagnostics;
using Stratus.Durable.TestWorker;
using Stratus.Testing;

namespace Stratus.Durable.Tests.Infrastructure;

/// <summary>
/// A Stratus.Durable.TestWorker process on a <see cref="SharedTaskHub"/>, for tests that kill workers for real. It
/// stops by itself if this process dies (its standard input closes), so a crashed test run leaves nothing polling.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int MaxOutputLines = 200;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    public int ProcessId => _process.Id;

    public string WorkerId { get; private set; } = "";

    public bool HasExited => _process.HasExited;

    /// <summary>The worker's last lines of output (its warnings and errors), for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static async Task<WorkerProcess> StartAsync(SharedTaskHub hub, CancellationToken cancellationToken)
    {
        // The test project references the worker, so the build puts it (with its runtimeconfig) next to the tests.
        var dll = Path.Combine(AppContext.BaseDirectory, "Stratus.Durable.TestWorker.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            ArgumentList = { dll },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in hub.WorkerSettings())
        {
            start.Environment[name] = value;
        }

        start.Environment["TestWorker__ExitOnStdinClose"] = "true";
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"The worker exited before it was ready:{Environment.NewLine}{worker.Output}"));
            }
            else if (e.Data.StartsWith(WorkerOutput.Ready + " ", StringComparison.Ordinal))
            {
                ready.TrySetResult(e.Data[(WorkerOutput.Ready.Length + 1)..]);
            }
            else
            {
                worker.Remember(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                worker.Remember(e.Data);
            }
        };

        process.Start();
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            worker.WorkerId = await ready.Task.WaitAsync(cancellationToken);
            return worker;
        }
        catch
        {
            worker.Dispose();
            throw;
        }
    }

    /// <summary>Ends the process at once, as a crash would: no graceful stop, its leases and messages left as they are.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellationToken);
    }

    public void Dispose() => ChildProcess.Stop(_process);

    private void Remember(string line)
    {
        _output.Enqueue(line);
        while (_output.Count > MaxOutputLines)
        {
            _output.TryDequeue(out _);
        }
    }
}
