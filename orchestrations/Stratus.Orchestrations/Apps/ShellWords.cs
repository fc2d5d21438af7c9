namespace Stratus.Orchestrations.Apps;

/// <summary>Turns an image's exec-form <c>ENTRYPOINT</c> + <c>CMD</c> into one shell command line, quoting each word so the shell sees the same argv.</summary>
internal static class ShellWords
{
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    /// <summary>The exec-form command of an image config (<c>/bin/sh -c "x"</c> collapses to <c>x</c>), or null when it has none.</summary>
    public static string? CommandOf(IReadOnlyList<string>? entrypoint, IReadOnlyList<string>? cmd)
    {
        var words = (entrypoint ?? []).Concat(cmd ?? []).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        return words.Count == 3 && words[0] is "/bin/sh" or "sh" && words[1] == "-c" ? words[2] : Join(words);
    }

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@%+,$".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
