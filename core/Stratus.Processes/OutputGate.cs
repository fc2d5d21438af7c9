namespace Stratus.Processes;

/// <summary>
/// Serialises a process's output into the caller's callback (stdout and stderr are read concurrently), masks each line,
/// and stops delivering once the run has returned, so a lingering background child can never write into a caller
/// that has moved on.
/// </summary>
internal sealed class OutputGate(Action<string> onLine, LogMasker masker)
{
    private readonly Lock _lock = new();
    private bool _open = true;

    public void Line(string line)
    {
        lock (_lock)
        {
            if (_open)
            {
                onLine(masker.Mask(line));
            }
        }
    }

    public void Write(Stream sink, ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            if (_open)
            {
                sink.Write(data);
            }
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            _open = false;
        }
    }
}
