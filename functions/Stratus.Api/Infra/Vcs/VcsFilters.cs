namespace Stratus.Api.Infra.Vcs;

/// <summary>
/// A link's filters. A branch pattern is a name or a glob whose <c>*</c> stands for any characters (<c>release/*</c>);
/// no patterns means every branch. A folder matches a changed path inside it; no folders means any change.
/// </summary>
internal static class VcsFilters
{
    public static bool BranchMatches(IReadOnlyList<string> patterns, string branch) =>
        patterns.Count == 0 || patterns.Any(p => Glob(p, branch));

    public static bool PathsMatch(IReadOnlyList<string> folders, IReadOnlyList<string> changedPaths)
    {
        if (folders.Count == 0)
        {
            return true;
        }

        var prefixes = folders.Select(f => f.Trim('/')).ToList();
        return prefixes.Any(p => p.Length == 0)
            || changedPaths.Any(path => prefixes.Any(p => path.StartsWith(p + "/", StringComparison.Ordinal)));
    }

    private static bool Glob(string pattern, string text)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return pattern == text;
        }

        if (!text.StartsWith(parts[0], StringComparison.Ordinal) || !text.EndsWith(parts[^1], StringComparison.Ordinal) || text.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        var at = parts[0].Length;
        var end = text.Length - parts[^1].Length;
        foreach (var middle in parts[1..^1])
        {
            var found = text.IndexOf(middle, at, end - at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + middle.Length;
        }

        return true;
    }
}
