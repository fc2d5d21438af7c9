namespace Stratus.Client.Tests;

/// <summary>The files two folders disagree on, as a short summary for a failing test.</summary>
internal sealed record FolderDiff(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <summary>Compares <paramref name="expected"/> (the checked-in files) with <paramref name="actual"/> (freshly made).</summary>
    public static FolderDiff Of(string expected, string actual)
    {
        var before = Files(expected);
        var after = Files(actual);
        var changed = new List<string>();
        foreach (var file in before.Intersect(after, StringComparer.Ordinal))
        {
            var old = File.ReadAllLines(Path.Combine(expected, file));
            var now = File.ReadAllLines(Path.Combine(actual, file));
            var line = Enumerable.Range(0, Math.Max(old.Length, now.Length)).FirstOrDefault(i => i >= old.Length || i >= now.Length || old[i] != now[i], -1);
            if (line >= 0)
            {
                changed.Add($"{file}:{line + 1}: '{At(old, line)}' is now '{At(now, line)}'");
            }
        }

        return new FolderDiff([.. after.Except(before, StringComparer.Ordinal)], [.. before.Except(after, StringComparer.Ordinal)], changed);
    }

    public override string ToString()
    {
        const int Shown = 20;
        var lines = new List<string>();
        void Section(string title, IReadOnlyList<string> files)
        {
            if (files.Count > 0)
            {
                lines.Add($"{title} ({files.Count}):");
                lines.AddRange(files.Take(Shown).Select(f => "  " + f));
                if (files.Count > Shown)
                {
                    lines.Add($"  … and {files.Count - Shown} more");
                }
            }
        }

        Section("new files", Added);
        Section("files no longer generated", Removed);
        Section("changed files (first difference)", Changed);
        return string.Join('\n', lines);
    }

    private static string At(string[] lines, int index) => index < lines.Length ? Shorten(lines[index].Trim()) : "(end of file)";

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;

    private static List<string> Files(string folder) => Directory.Exists(folder)
        ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal)]
        : [];
}
