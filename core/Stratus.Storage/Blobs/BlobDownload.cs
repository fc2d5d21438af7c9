namespace Stratus.Storage.Blobs;

/// <summary>An open blob read: the content stream (the requested range only) and the blob's properties.</summary>
public sealed class BlobDownload(Stream content, BlobProperties properties) : IDisposable, IAsyncDisposable
{
    public Stream Content { get; } = content;

    public BlobProperties Properties { get; } = properties;

    public void Dispose() => Content.Dispose();

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
