using System.Globalization;

namespace Stratus.Sandbox.ContainerApps;

/// <summary>
/// Puts the wrapper's numbered lines (<c>"17 text"</c>) back in order, once each: a line is handed on only when every
/// line before it has been, whichever source (Log Analytics while the step runs, the log blob at its end) brought it.
/// </summary>
internal sealed class NumberedLines(long fromLine, Action<string> onLine)
{
    private readonly SortedDictionary<long, string> _waiting = [];
    private long _next = fromLine + 1;

    public void Add(IEnumerable<string> rawLines)
    {
        foreach (var raw in rawLines)
        {
            if (TryParse(raw, out var number, out var text) && number >= _next)
            {
                _waiting.TryAdd(number, text);
            }
        }

        while (_waiting.Remove(_next, out var line))
        {
            onLine(line);
            _next++;
        }
    }

    /// <summary>At the end, with no complete log to fill the gaps: hand on what arrived, in order.</summary>
    public void Flush()
    {
        foreach (var (number, line) in _waiting)
        {
            onLine(line);
            _next = number + 1;
        }

        _waiting.Clear();
    }

    public static bool TryParse(string raw, out long number, out string text)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var space = raw.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && long.TryParse(raw.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0)
        {
            text = raw[(space + 1)..].TrimEnd('\r', '\n');
            return true;
        }

        number = 0;
        text = raw;
        return false;
    }
}
