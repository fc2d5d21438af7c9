using System.Globalization;

namespace Stratus.Kubernetes.Runtime;

/// <summary>Reads the lines of <c>podman logs --timestamps</c>: an RFC 3339 time with nanoseconds, a space, the text.</summary>
internal static class PodmanLogLines
{
    public static UnitLogLine Parse(string line, string unit, string process, DateTimeOffset fallback)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && TryParseTime(line.AsSpan(0, space), out var time))
        {
            return new UnitLogLine(time, unit, process, line[(space + 1)..]);
        }

        return new UnitLogLine(fallback, unit, process, line);
    }

    private static bool TryParseTime(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        // .NET parses at most 7 fractional digits; podman prints 9.
        var dot = text.IndexOf('.');
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = string.Concat(text[..(dot + 8)], text[end..]);
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}
