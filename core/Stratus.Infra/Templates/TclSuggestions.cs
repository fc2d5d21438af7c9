namespace Stratus.Infra.Templates;

/// <summary>Messages for a word that is not one of the allowed ones, with a "did you mean" for near misses (typos, case).</summary>
internal static class TclSuggestions
{
    public static string Unknown(string what, string given, IReadOnlyList<string> valid)
    {
        var closest = Closest(given, valid);
        var hint = closest is null ? string.Empty : $" (did you mean '{closest}'?)";
        return $"'{Shorten(given)}' is not a {what}{hint}; use one of: {string.Join(", ", valid)}";
    }

    internal static string? Closest(string given, IReadOnlyList<string> valid)
    {
        var sameLetters = valid.FirstOrDefault(v => string.Equals(v, given, StringComparison.OrdinalIgnoreCase));
        if (sameLetters is not null)
        {
            return sameLetters;
        }

        // Two edits catch most typos ("tpye", "stpe") without suggesting unrelated short words.
        const int MaxEdits = 2;
        if (given.Length <= MaxEdits || given.Length > 64)
        {
            return null;
        }

        string? best = null;
        var bestDistance = MaxEdits + 1;
        foreach (var candidate in valid)
        {
            var distance = Distance(given.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    // Optimal string alignment distance: Levenshtein plus adjacent swaps, the commonest typo.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
