namespace Stratus.Archives;

/// <summary>
/// Resolves a relative path inside a root the way the kernel would, following the symbolic links it meets on disk,
/// and says when the result would leave the root. Lexical checks alone are not enough: a link such as <c>d/l -> ..</c>
/// makes the innocent-looking <c>d/l/..</c> point above the root.
/// </summary>
public static class ConfinedPath
{
    // Linux gives up after 40 links (ELOOP); so do we, and call a loop an escape.
    private const int MaxLinkHops = 40;

    /// <summary>The physical full path, or null when it would leave <paramref name="root"/> (or loops).</summary>
    public static string? Resolve(string root, string relativePath)
    {
        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var resolved = new List<string>();
        var pending = new Stack<string>();
        PushSegments(pending, relativePath);
        var hops = 0;
        while (pending.Count > 0)
        {
            var segment = pending.Pop();
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (resolved.Count == 0)
                {
                    return null;
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            var candidate = Combine(rootFull, resolved, segment);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                resolved.Add(segment);
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                var full = Path.GetFullPath(target);
                if (!IsInside(rootFull, full))
                {
                    return null;
                }

                // Restart from the root with the link's absolute target, which may hold links of its own.
                resolved.Clear();
                target = Path.GetRelativePath(rootFull, full);
            }

            PushSegments(pending, target);
        }

        return resolved.Count == 0 ? rootFull : Combine(rootFull, resolved, null);
    }

    public static bool IsInside(string rootFull, string fullPath) =>
        fullPath.Length == rootFull.Length
            ? string.Equals(fullPath, rootFull, StringComparison.Ordinal)
            : fullPath.StartsWith(rootFull, StringComparison.Ordinal) && fullPath[rootFull.Length] == Path.DirectorySeparatorChar;

    private static void PushSegments(Stack<string> pending, string path)
    {
        var segments = path.Split(['/', Path.DirectorySeparatorChar]);
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            pending.Push(segments[i]);
        }
    }

    private static string Combine(string rootFull, List<string> resolved, string? last)
    {
        var parts = new List<string>(resolved.Count + 2) { rootFull };
        parts.AddRange(resolved);
        if (last is not null)
        {
            parts.Add(last);
        }

        return Path.Combine([.. parts]);
    }
}
