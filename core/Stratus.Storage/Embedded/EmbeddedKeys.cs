using System.Buffers.Binary;

namespace Stratus.Storage.Embedded;

/// <summary>
/// Keys (PartitionKey, RowKey, blob names) are stored as UTF-16 big-endian BLOBs: SQLite compares BLOBs with memcmp,
/// which on this encoding is exactly <see cref="string.CompareOrdinal(string, string)"/>, the order the Table service,
/// Azurite and <c>TableFilter</c> use. UTF-8 TEXT would sort supplementary characters differently and would mangle
/// lone surrogates, which keys may legally contain.
/// </summary>
internal static class EmbeddedKeys
{
    public static byte[] Encode(string value)
    {
        var bytes = new byte[value.Length * 2];
        for (var i = 0; i < value.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i * 2), value[i]);
        }

        return bytes;
    }

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 2 != 0)
        {
            throw new FormatException("A stored key has an odd number of bytes.");
        }

        var chars = new char[bytes.Length / 2];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)BinaryPrimitives.ReadUInt16BigEndian(bytes[(i * 2)..]);
        }

        return new string(chars);
    }

    /// <summary>The smallest byte string greater than every string starting with <paramref name="prefix"/>, or <c>null</c> if none.</summary>
    public static byte[]? PrefixUpperBound(byte[] prefix)
    {
        var end = prefix.Length;
        while (end > 0 && prefix[end - 1] == 0xFF)
        {
            end--;
        }

        if (end == 0)
        {
            return null;
        }

        var bound = prefix[..end];
        bound[end - 1]++;
        return bound;
    }

    /// <summary>An opaque, URL-safe continuation token over one or more keys.</summary>
    public static string EncodeToken(params ReadOnlySpan<byte[]> keys)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write((byte)keys.Length);
            foreach (var key in keys)
            {
                writer.Write7BitEncodedInt(key.Length);
                writer.Write(key);
            }
        }

        return Convert.ToBase64String(buffer.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static byte[][] DecodeToken(string token, int keyCount)
    {
        try
        {
            var text = token.Replace('-', '+').Replace('_', '/');
            text += new string('=', (4 - (text.Length % 4)) % 4);
            using var reader = new BinaryReader(new MemoryStream(Convert.FromBase64String(text)));
            if (reader.ReadByte() != keyCount)
            {
                throw new FormatException("Wrong key count.");
            }

            var keys = new byte[keyCount][];
            for (var i = 0; i < keyCount; i++)
            {
                var length = reader.Read7BitEncodedInt();

                // Checked before ReadBytes, which throws on a negative length and allocates a huge one up front.
                if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
                {
                    throw new FormatException("Bad key length.");
                }

                keys[i] = reader.ReadBytes(length);
                if (keys[i].Length != length || length % 2 != 0)
                {
                    throw new FormatException("Truncated key.");
                }
            }

            if (reader.BaseStream.Position != reader.BaseStream.Length)
            {
                throw new FormatException("Trailing bytes.");
            }

            return keys;
        }
        catch (Exception ex) when (ex is FormatException or EndOfStreamException)
        {
            throw new InvalidStorageRequestException(
                "InvalidInput",
                "The continuation token is not one this store returned. Pass the token from the previous page unchanged, or null to start over.",
                innerException: ex);
        }
    }
}
