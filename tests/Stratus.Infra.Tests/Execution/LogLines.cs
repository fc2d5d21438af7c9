namespace Stratus.Infra.Tests.Execution;

/// <summary>A thread-safe log sink that can signal when a line containing some text arrives.</summary>
public sealed class LogLines
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];
    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _waiters = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return _lines.ToList();
            }
        }
    }

    public string Text => string.Join('\n', Lines);

    public void Add(string line)
    {
        lock (_lock)
        {
            _lines.Add(line);
            foreach (var (text, seen) in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)))
            {
                seen.TrySetResult(line);
            }
        }
    }

    public Task<string> WaitForAsync(string text, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var existing = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, seen));
            return seen.Task.WaitAsync(cancellationToken);
        }
    }
}
