namespace Stratus.Apps;

/// <summary>Keeps free text (errors, messages) within what a table property holds; the full text belongs in the event log.</summary>
internal static class TextClip
{
    public const int MaxChars = 8 * 1024;

    public static string? Clip(string? text) => text is { Length: > MaxChars } ? text[..(MaxChars - 1)] + "…" : text;
}
