namespace Stratus.Api.Tests.Fuzz;

/// <summary>
/// Strings that break naive code, each with a label the failure report shows. Longest first in intent: every length
/// limit the API has is below 40,000 characters, and 1 MiB stays under the 4 MiB default body limit, so the handler
/// (not the body limit) must refuse it.
/// </summary>
internal static class HostileStrings
{
    public const int Huge = 40_000;
    public const int Mebi = 1024 * 1024;

    /// <summary>Values for a string inside a JSON body (JSON escapes are applied by the serializer, except where noted).</summary>
    public static readonly IReadOnlyList<(string Label, string Value)> Body =
    [
        ("empty", ""),
        ("whitespace", " \t "),
        ("len-300", new string('a', 300)),
        ("len-1025", new string('b', 1025)),
        ("len-40000", new string('c', Huge)),
        ("control-chars", "a\u0001b\u0007c\u001fd\u007f"),
        ("ansi-escape", "\u001b[31mred\u001b[0m\u001b]0;title\u0007"),
        ("nul", "a\u0000b"),
        ("newlines", "line1\r\nline2\nline3"),
        ("unicode", "Ünïcødé-名前-😀-\u200b-\u202e"),
        ("path-traversal", "../../../etc/passwd"),
        ("slashes", "a/b\\c"),
        ("percent", "%2e%2e%2f%00"),
        ("sql-ish", "' OR 1=1 --"),
        ("template-ish", "${{7*7}}{{7*7}}$(id)`id`"),
        ("odata-ish", "PartitionKey eq 'x' or true"),
        ("html", "<script>alert(1)</script>"),
        ("dots", ".."),
        ("bom", "\ufeffname"),
        ("noncharacter", "a\uffffb"),
    ];

    /// <summary>Path segments, already percent-encoded where the label says so (sent as the raw request target).</summary>
    public static readonly IReadOnlyList<(string Label, string Segment)> PathSegments =
    [
        ("dotdot", ".."),
        ("dot", "."),
        ("encoded-dotdot", "%2e%2e"),
        ("encoded-nul", "a%00b"),
        ("encoded-slash", "a%2Fb"),
        ("encoded-backslash", "a%5Cb"),
        ("long-segment-5000", new string('s', 5000)),
        ("unicode", "%C3%BCn%C3%AF-%F0%9F%98%80"),
        ("control-char", "a%07b"),
        ("ansi-escape", "%1B%5B31mred"),
        ("invalid-utf8-surrogate", "a%ED%A0%80b"),
        ("invalid-utf8", "a%FF%FEb"),
        ("space", "a%20b"),
        ("lone-percent", "a%zzb"),
        ("uppercase", "UPPER-Case"),
        ("leading-dash", "-abc"),
        ("numeric-overflow", "99999999999999999999"),
        ("negative", "-1"),
        ("semicolon", "a;b=c"),
        ("colon", "a:b"),
    ];

    /// <summary>Query values, percent-encoded.</summary>
    public static readonly IReadOnlyList<(string Label, string Value)> QueryValues =
    [
        ("empty", ""),
        ("junk", "%3Cjunk%3E"),
        ("nul", "a%00b"),
        ("long-40000", new string('q', Huge)),
        ("negative", "-5"),
        ("int-overflow", "2147483648"),
        ("long-overflow", "99999999999999999999999"),
        ("float", "1.5"),
        ("not-boolean", "yes"),
        ("ansi-escape", "%1B%5B31m"),
        ("invalid-utf8", "%ED%A0%80"),
        ("unicode", "%F0%9F%98%80"),
        ("date-junk", "2026-13-45T99%3A99"),
    ];
}
