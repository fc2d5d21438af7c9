using System.Text;

namespace Stratus.Archives;

/// <summary>
/// Passes the uncompressed tar through and remembers its last complete 512-byte block. When System.Formats.Tar refuses
/// a header it cannot represent (a GNU sparse file, type 'S', throws before any entry object exists), that block is the
/// header it refused, so the refusal can still name the entry.
/// </summary>
internal sealed class TarBlockWitness(Stream inner) : Stream
{
    private const int BlockSize = 512;
    private const int TypeFlagOffset = 156;
    private const int NameLength = 100;
    private const int MagicOffset = 257;
    private const int PrefixOffset = 345;
    private const int PrefixLength = 155;

    private readonly byte[] _filling = new byte[BlockSize];
    private readonly byte[] _last = new byte[BlockSize];
    private long _position;
    private bool _haveLast;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>The type flag of the last complete block, as tar writes it ('0', '5', 'S'…), or null.</summary>
    public char? LastTypeFlag => _haveLast ? (char)_last[TypeFlagOffset] : null;

    /// <summary>The name in the last complete block (ustar prefix included), or null when there is none.</summary>
    public string? LastName()
    {
        if (!_haveLast)
        {
            return null;
        }

        var name = Field(_last.AsSpan(0, NameLength));
        var ustar = _last.AsSpan(MagicOffset, 6).SequenceEqual("ustar\0"u8);
        var prefix = ustar ? Field(_last.AsSpan(PrefixOffset, PrefixLength)) : "";
        var full = prefix.Length > 0 ? prefix + "/" + name : name;
        return full.Length == 0 ? null : full;
    }

    public override int Read(byte[] buffer, int offset, int count) => Witness(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer) => Witness(buffer[..inner.Read(buffer)]);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Witness(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static string Field(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    private int Witness(ReadOnlySpan<byte> read)
    {
        var count = read.Length;
        while (!read.IsEmpty)
        {
            var at = (int)(_position % BlockSize);
            var take = Math.Min(BlockSize - at, read.Length);
            read[..take].CopyTo(_filling.AsSpan(at));
            _position += take;
            read = read[take..];
            if (at + take == BlockSize)
            {
                _filling.CopyTo(_last, 0);
                _haveLast = true;
            }
        }

        return count;
    }
}
