namespace Stratus.Testing.Archives;

/// <summary>
/// Passes an archive through to an extractor and, before every read, measures how many bytes of files the destination
/// folder holds, keeping the largest figure. Extraction reads and writes in turn, so this sees the folder between
/// writes: the peak of what reached the disk, even when the extraction fails and removes everything afterwards.
/// Reads are cut to <c>chunk</c> bytes so a highly compressed archive cannot write much between two measurements.
/// </summary>
public sealed class FolderPeakStream(Stream inner, string folder, int chunk = 512) : Stream
{
    public long PeakBytes { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Measure();
        return inner.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Measure();
        return await inner.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Measure()
    {
        var directory = new DirectoryInfo(folder);
        if (!directory.Exists)
        {
            return;
        }

        var bytes = directory.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Sum(f => f.Length);
        PeakBytes = Math.Max(PeakBytes, bytes);
    }
}
