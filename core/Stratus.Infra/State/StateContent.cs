using Stratus.Storage.Blobs;

namespace Stratus.Infra.State;

/// <summary>An open state version: its metadata and its content stream. The caller disposes it.</summary>
public sealed class StateContent(StateVersion version, BlobDownload download) : IAsyncDisposable, IDisposable
{
    public StateVersion Version { get; } = version;

    public Stream Content => download.Content;

    public ValueTask DisposeAsync() => download.DisposeAsync();

    public void Dispose() => download.Dispose();
}
