using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Stratus.Testing;

/// <summary>
/// Starts the installed Azurite on three free 127.0.0.1 ports with in-memory persistence, and waits until all three
/// accept connections. The binary comes from <c>STRATUS_AZURITE_BIN</c> or <c>tools/node_modules/.bin/azurite</c>.
/// Azurite runs under a small <c>sh</c> watchdog that stops it once the test process is gone: the fixtures stop it on
/// dispose or at process exit, but a test host that is killed (a hang timeout, kill -9) runs neither.
/// </summary>
internal sealed class AzuriteProcess
{
    // Azurite is started with a parent-death signal (util-linux setpriv), so it dies with this shell however the shell
    // ends, even by SIGKILL; the shell ends when the watched process does. Azurite can take seconds over SIGTERM, so
    // the watchdog sends SIGKILL: its data is in memory and the test run is over.
    private const string Watchdog = """
        watched=$1; shift
        setpriv --pdeathsig KILL -- "$@" &
        child=$!
        trap 'kill -9 "$child" 2>/dev/null; exit 143' TERM INT
        while kill -0 "$watched" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
        kill -9 "$child" 2>/dev/null
        wait "$child"
        """;

    private readonly ConcurrentQueue<string> _output = new();

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        Process = process;
        Ports = (blobPort, queuePort, tablePort);
    }

    public Process Process { get; }

    public (int Blob, int Queue, int Table) Ports { get; }

    /// <param name="extraArguments">Added to the host, port and persistence arguments (e.g. OAuth and certificates).</param>
    /// <param name="onStarted">Called with the started process before the wait, so its owner can stop it on any failure.</param>
    /// <param name="watchedProcessId">The process whose end stops Azurite; this one by default.</param>
    public static async Task<AzuriteProcess> StartAsync(string workingDirectory, IEnumerable<string> extraArguments, Action<AzuriteProcess> onStarted, int? watchedProcessId = null)
    {
        var binary = Environment.GetEnvironmentVariable("STRATUS_AZURITE_BIN") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryPaths.Tools, "node_modules", ".bin", "azurite");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"Azurite is not installed at {binary}. Run the README's test command (scripts/test.sh), which installs it.");
        }

        var (blob, queue, table) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        string[] arguments =
        [
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(CultureInfo.InvariantCulture),

            // Azurite refuses --location together with --inMemoryPersistence.
            "--inMemoryPersistence", "--silent", "--skipApiVersionCheck",
        ];
        // sh -c WATCHDOG sh <watched pid> <azurite> <arguments…>: checks once a second that both are alive.
        string[] watchdog = ["-c", Watchdog, "sh", (watchedProcessId ?? Environment.ProcessId).ToString(CultureInfo.InvariantCulture), binary];
        foreach (var argument in watchdog.Concat(arguments).Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var azurite = new AzuriteProcess(process, blob, queue, table);
        process.OutputDataReceived += (_, e) => azurite.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => azurite.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        onStarted(azurite);
        try
        {
            foreach (var port in new[] { blob, queue, table })
            {
                await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => !process.HasExited);
            }
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Azurite did not listen on {blob}/{queue}/{table}. Its output: {string.Join(Environment.NewLine, azurite._output)}", ex);
        }

        return azurite;
    }

    // The last lines are enough to say why a start failed; Azurite can be chatty.
    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }
}
