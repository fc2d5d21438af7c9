namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>A scoped dependency that notes when it is made and when its scope disposes it.</summary>
internal sealed class ScopedProbe : IDisposable
{
    private readonly ProbeLog _log;
    private bool _disposed;

    public ScopedProbe(ProbeLog log)
    {
        _log = log;
        log.NoteCreated(Id);
    }

    public Guid Id { get; } = Guid.NewGuid();

    public bool IsDisposed => _disposed;

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _log.NoteDisposed(Id);
        }
    }
}
