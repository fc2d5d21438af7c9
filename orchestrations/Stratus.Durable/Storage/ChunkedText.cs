using System.Text;
using Stratus.Storage.Tables;

namespace Stratus.Durable.Storage;

/// <summary>Spreads a long string over properties <c>{prefix}0..N</c>, since one string property holds 32K characters.</summary>
internal static class ChunkedText
{
    private const int ChunkChars = 30_000;

    public static void Write(TableEntity entity, string prefix, string text)
    {
        for (int i = 0, part = 0; i < text.Length || part == 0; i += ChunkChars, part++)
        {
            entity[prefix + part] = text.Substring(i, Math.Min(ChunkChars, text.Length - i));
        }
    }

    public static string? Read(TableEntity entity, string prefix)
    {
        if (entity.GetString(prefix + 0) is not { } first)
        {
            return null;
        }

        if (entity.GetString(prefix + 1) is null)
        {
            return first;
        }

        var text = new StringBuilder(first);
        for (var part = 1; entity.GetString(prefix + part) is { } next; part++)
        {
            text.Append(next);
        }

        return text.ToString();
    }
}
