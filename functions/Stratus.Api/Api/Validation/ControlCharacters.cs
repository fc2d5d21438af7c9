namespace Stratus.Api.Api.Validation;

/// <summary>
/// Finds control characters that have no place in stored text: they corrupt terminals (ANSI escapes reach whoever lists
/// the value in a CLI), logs and other tools.
/// </summary>
internal static class ControlCharacters
{
    /// <returns>The index of the first forbidden character, or -1.</returns>
    public static int Find(string text, TextKind kind)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && !(kind == TextKind.MultiLine && c is '\n' or '\r' or '\t'))
            {
                return i;
            }
        }

        return -1;
    }

    /// <returns>How to name the character at <paramref name="index"/> in a message, e.g. <c>U+001B (escape)</c>.</returns>
    public static string Describe(string text, int index)
    {
        var c = text[index];
        var name = c switch
        {
            '\u001b' => " (escape, as in ANSI colour codes)",
            '\0' => " (NUL)",
            '\n' => " (line feed)",
            '\r' => " (carriage return)",
            '\t' => " (tab)",
            '\u007f' => " (DEL)",
            _ => "",
        };
        return $"U+{(int)c:X4}{name} at position {index + 1}";
    }
}
