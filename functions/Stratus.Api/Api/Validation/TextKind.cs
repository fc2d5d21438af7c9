namespace Stratus.Api.Api.Validation;

/// <summary>Which control characters a text field may hold.</summary>
internal enum TextKind
{
    /// <summary>Names, display names, tags, reasons: no control character at all (C0, DEL, C1, so no ANSI escapes).</summary>
    SingleLine,

    /// <summary>Descriptions, messages, values, templates: line breaks and tabs, nothing else.</summary>
    MultiLine,
}
