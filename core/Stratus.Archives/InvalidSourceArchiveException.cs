namespace Stratus.Archives;

/// <summary>
/// An uploaded source archive was refused. <see cref="Entry"/> names the offending tar entry (null when the archive as a
/// whole is at fault) and <see cref="Rule"/> the rule it broke; the message says both, for the job's log.
/// </summary>
public sealed class InvalidSourceArchiveException : Exception
{
    public InvalidSourceArchiveException(string? entry, string rule, Exception? innerException = null)
        : base(entry is null ? $"The source archive was refused: {rule}." : $"The source archive was refused: entry '{Printable(entry)}': {rule}.", innerException)
    {
        Entry = entry;
        Rule = rule;
    }

    public string? Entry { get; }

    public string Rule { get; }

    // Entry names come from an upload; keep control characters out of log lines.
    private static string Printable(string name)
    {
        var shown = name.Length > 200 ? name[..200] + "…" : name;
        return string.Create(shown.Length, shown, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
