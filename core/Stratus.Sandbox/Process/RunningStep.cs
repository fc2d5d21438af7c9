using Stratus.Processes;

namespace Stratus.Sandbox.Process;

/// <summary>A step the process driver runs: its output so far, its exit code once known, and the means to stop it.</summary>
internal sealed class RunningStep(IReadOnlyDictionary<string, string> environment) : IDisposable
{
    /// <summary>Reported for a step stopped before it could exit by itself (128 + SIGINT, as a shell reports it).</summary>
    public const int StoppedExitCode = 130;

    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _run = Task.CompletedTask;
    private int? _exitCode;

    public IReadOnlyDictionary<string, string> Environment => environment;

    public int? ExitCode
    {
        get
        {
            lock (_gate)
            {
                return _exitCode;
            }
        }
    }

    public void Start(ProcessSpec spec) => _run = RunAsync(spec);

    /// <summary>Lines from <paramref name="from"/> on, a task that completes when more arrive, and the exit code if the step has ended.</summary>
    public (IReadOnlyList<string> Lines, Task Changed, int? ExitCode) Read(long from)
    {
        lock (_gate)
        {
            var lines = from < _lines.Count ? _lines.GetRange((int)from, _lines.Count - (int)from) : [];
            return (lines, _changed.Task, _exitCode);
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run;
    }

    public void Dispose() => _stop.Dispose();

    private async Task RunAsync(ProcessSpec spec)
    {
        int exitCode;
        try
        {
            exitCode = await ProcessRunner.RunAsync(spec, Add, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            exitCode = StoppedExitCode;
        }
        catch (InvalidOperationException e)
        {
            Add(e.Message);
            exitCode = 127;
        }

        lock (_gate)
        {
            _exitCode = exitCode;
            Signal();
        }
    }

    private void Add(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
            Signal();
        }
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
