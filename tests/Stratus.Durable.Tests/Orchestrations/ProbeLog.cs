using System.Collections.Concurrent;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Which <see cref="ScopedProbe"/>s were made and which disposed (one log per host).</summary>
internal sealed class ProbeLog
{
    private readonly ConcurrentQueue<Guid> _created = new();
    private readonly ConcurrentQueue<Guid> _disposed = new();

    public IReadOnlyList<Guid> Created => [.. _created];

    public IReadOnlyList<Guid> Disposed => [.. _disposed];

    public void NoteCreated(Guid id) => _created.Enqueue(id);

    public void NoteDisposed(Guid id) => _disposed.Enqueue(id);
}
