using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace Stratus.Containers.Registry;

/// <summary>
/// A request body of <paramref name="length"/> bytes of a file from <paramref name="offset"/>, read straight into the
/// connection through one pooled 1 MiB buffer: no copy of the blob in memory, and the file is opened only when the
/// body is sent, so a request built again (after an auth challenge) sends it again from the start. A file shorter than
/// announced fails the request instead of sending a truncated body.
/// </summary>
internal sealed class FileRangeContent : HttpContent
{
    public const int BufferBytes = 1024 * 1024;

    private readonly string _path;
    private readonly long _offset;
    private readonly long _length;

    public FileRangeContent(string path, long offset, long length)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _path = path;
        _offset = offset;
        _length = length;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // bufferSize 0: FileStream's own buffer would only add a copy in front of ours.
        await using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        file.Seek(_offset, SeekOrigin.Begin);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(BufferBytes, Math.Max(_length, 1)));
        try
        {
            var remaining = _length;
            while (remaining > 0)
            {
                var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
                if (read == 0)
                {
                    throw new InvalidDataException($"'{_path}' ended {remaining} bytes before the {_offset + _length} bytes announced.");
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                remaining -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
