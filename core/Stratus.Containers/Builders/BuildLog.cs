namespace Stratus.Containers.Builders;

/// <summary>Forwards every line to the caller's log and keeps the last <see cref="TailLines"/> for a failure report.</summary>
internal sealed class BuildLog(Action<string> sink)
{
    public const int TailLines = 20;

    private readonly Queue<string> _tail = new();
    private readonly Lock _lock = new();

    public void Line(string line)
    {
        lock (_lock)
        {
            if (_tail.Count == TailLines)
            {
                _tail.Dequeue();
            }

            _tail.Enqueue(line);
        }

        sink(line);
    }

    public IReadOnlyList<string> Tail()
    {
        lock (_lock)
        {
            return [.. _tail];
        }
    }
}
