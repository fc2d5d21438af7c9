using System.Text.RegularExpressions;

namespace Stratus.Api.Infra.Jobs;

/// <summary>
/// Removes terminal control sequences (ECMA-48) from text, for logs read with <c>?ansi=false</c>: colours and cursor
/// moves (CSI, 7-bit <c>ESC [</c> and 8-bit <c>U+009B</c>), hyperlinks and titles (OSC, ended by BEL or ST), device
/// control strings (DCS, SOS, PM, APC), and the two- or three-character escapes (<c>ESC 7</c>, <c>ESC ( B</c>).
/// Plain text, tabs and line ends are left as they are.
/// </summary>
internal static partial class AnsiEscapes
{
    public static string Strip(string text) => text.Contains('\u001B', StringComparison.Ordinal) || text.Contains('\u009B', StringComparison.Ordinal)
        ? Sequence().Replace(text, "")
        : text;

    // Order matters: the complete forms first, the bare escape last (it also eats an ESC [ cut short at the end).
    [GeneratedRegex(
        """
        \u001B\[[0-?]*[\x20-/]*[@-~]
        |\u009B[0-?]*[\x20-/]*[@-~]
        |\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)
        |\u001B[PX^_][^\u001B]*\u001B\\
        |\u001B[\x20-/]*[0-~]?
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Sequence();
}
