using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Azure;
using Stratus.Storage.Tables;

namespace Stratus.Storage.Embedded;

/// <summary>
/// The binary form of entity properties and blob metadata. Each value keeps its EDM type, so an <c>int</c> comes back
/// as an <c>int</c> and not as a <c>long</c>; strings are raw UTF-16 so lone surrogates survive the round trip.
/// </summary>
internal static class EmbeddedCodec
{
    private const byte FormatVersion = 1;

    private enum PropertyType : byte
    {
        String = 1,
        Int32 = 2,
        Int64 = 3,
        Double = 4,
        Boolean = 5,
        DateTime = 6,
        Guid = 7,
        Binary = 8,
    }

    public static byte[] EncodeProperties(IEnumerable<KeyValuePair<string, object>> properties)
    {
        Span<byte> guid = stackalloc byte[16];
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(FormatVersion);
            foreach (var (name, value) in properties)
            {
                WriteString(writer, name);
                switch (value)
                {
                    case string s:
                        writer.Write((byte)PropertyType.String);
                        WriteString(writer, s);
                        break;
                    case int i:
                        writer.Write((byte)PropertyType.Int32);
                        writer.Write(i);
                        break;
                    case long l:
                        writer.Write((byte)PropertyType.Int64);
                        writer.Write(l);
                        break;
                    case double d:
                        writer.Write((byte)PropertyType.Double);
                        writer.Write(d);
                        break;
                    case bool b:
                        writer.Write((byte)PropertyType.Boolean);
                        writer.Write(b);
                        break;
                    case DateTimeOffset dto:
                        writer.Write((byte)PropertyType.DateTime);
                        writer.Write(dto.UtcTicks);
                        break;
                    case Guid g:
                        writer.Write((byte)PropertyType.Guid);
                        g.TryWriteBytes(guid);
                        writer.Write(guid);
                        break;
                    case byte[] bytes:
                        writer.Write((byte)PropertyType.Binary);
                        writer.Write7BitEncodedInt(bytes.Length);
                        writer.Write(bytes);
                        break;
                    default:
                        throw new InvalidOperationException($"Property '{name}' has unsupported type {value.GetType().Name}; TableEntity should have rejected it.");
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Builds an entity from a stored row; <paramref name="select"/> keeps only the named properties.</summary>
    public static TableEntity DecodeEntity(string partitionKey, string rowKey, string etag, long timestampTicks, byte[] properties, IReadOnlyList<string>? select = null)
    {
        var entity = new TableEntity(partitionKey, rowKey)
        {
            ETag = new ETag(etag),
            Timestamp = new DateTimeOffset(timestampTicks, TimeSpan.Zero),
        };
        var reader = new SpanReader(properties);
        if (reader.ReadByte() != FormatVersion)
        {
            throw new InvalidDataException("Stored entity properties have an unknown format version.");
        }

        while (!reader.End)
        {
            var name = reader.ReadString();
            object value = (PropertyType)reader.ReadByte() switch
            {
                PropertyType.String => reader.ReadString(),
                PropertyType.Int32 => reader.ReadInt32(),
                PropertyType.Int64 => reader.ReadInt64(),
                PropertyType.Double => BitConverter.Int64BitsToDouble(reader.ReadInt64()),
                PropertyType.Boolean => reader.ReadByte() != 0,
                PropertyType.DateTime => new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero),
                PropertyType.Guid => new Guid(reader.ReadBytes(16)),
                PropertyType.Binary => reader.ReadBytes(reader.Read7BitEncodedInt()).ToArray(),
                _ => throw new InvalidDataException($"Stored property '{name}' has an unknown type tag."),
            };
            if (select is null || Contains(select, name))
            {
                entity[name] = value;
            }
        }

        return entity;
    }

    public static byte[] EncodeMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(FormatVersion);
            foreach (var (name, value) in metadata)
            {
                WriteString(writer, name);
                WriteString(writer, value);
            }
        }

        return buffer.ToArray();
    }

    public static Dictionary<string, string> DecodeMetadata(byte[] stored)
    {
        // Metadata names are case-insensitive in Azure Storage; the given case is kept.
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var reader = new SpanReader(stored);
        if (reader.ReadByte() != FormatVersion)
        {
            throw new InvalidDataException("Stored blob metadata has an unknown format version.");
        }

        while (!reader.End)
        {
            var name = reader.ReadString();
            metadata[name] = reader.ReadString();
        }

        return metadata;
    }

    /// <summary>Normalises caller metadata the way the service does: names compare case-insensitively, the last one wins.</summary>
    public static Dictionary<string, string> NormalizeMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            result.Remove(name);
            result[name] = value;
        }

        return result;
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        writer.Write7BitEncodedInt(value.Length);
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(value.AsSpan()));
            return;
        }

        foreach (var c in value)
        {
            writer.Write((ushort)c);
        }
    }

    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool End => _position >= _data.Length;

        public byte ReadByte() => ReadBytes(1)[0];

        public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4));

        public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadBytes(8));

        public int Read7BitEncodedInt()
        {
            var result = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = ReadByte();
                result |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }
            }

            throw new InvalidDataException("A stored length is malformed.");
        }

        public string ReadString()
        {
            var length = Read7BitEncodedInt();
            var bytes = ReadBytes(length * 2);
            if (BitConverter.IsLittleEndian)
            {
                return new string(MemoryMarshal.Cast<byte, char>(bytes));
            }

            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]);
            }

            return new string(chars);
        }

        public ReadOnlySpan<byte> ReadBytes(int count)
        {
            if (count < 0 || _position + count > _data.Length)
            {
                throw new InvalidDataException("Stored data is truncated.");
            }

            var slice = _data.Slice(_position, count);
            _position += count;
            return slice;
        }
    }
}
