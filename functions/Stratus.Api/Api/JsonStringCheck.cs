using System.Text;
using System.Text.Json;

namespace Stratus.Api.Api;

/// <summary>
/// Finds a JSON string that is not Unicode text: a lone UTF-16 surrogate written as an escape (<c>"\ud800"</c>) or
/// bytes that are not UTF-8. The JSON grammar allows such escapes, so a parser accepts the body and the failure comes
/// later, when code reads the string (a 500 from deep inside a handler). Checking the whole body once, up front, turns
/// it into a 400 that names where the string is.
/// </summary>
internal static class JsonStringCheck
{
    /// <returns>The JSON path of the first string or property name that is not valid text, or null when all are (or the body is not JSON at all, which the parser reports).</returns>
    public static string? FindInvalid(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (!IsText(ref reader, out var name))
                        {
                            return PathOf(frames) + " (a property name)";
                        }

                        frames[^1].Property = name;
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.String:
                        Advance(frames);
                        if (!IsText(ref reader, out _))
                        {
                            return PathOf(frames);
                        }

                        break;
                    default:
                        Advance(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    private static bool IsText(ref Utf8JsonReader reader, out string? text)
    {
        try
        {
            text = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static void Advance(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1].Index++;
        }
    }

    private static string PathOf(List<Frame> frames)
    {
        var path = new StringBuilder("$");
        foreach (var frame in frames)
        {
            if (frame.IsArray)
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
            else if (frame.Property is { } property)
            {
                path.Append('.').Append(property);
            }
        }

        return path.ToString();
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Property { get; set; }
    }
}
