using System.Globalization;

namespace Stratus.Benchmarks.Apps;

/// <summary>
/// The two costly steps of a deploy as its event log times them: the build ("---- Building version" to "---- Built")
/// and the rollout ("---- Rolling out version" to "---- Version N is running"). Lines carry a time-of-day stamp
/// (<c>HH:mm:ss.fff</c>); a log with whole seconds only is reported as coarse, since its durations are ±1 s.
/// </summary>
internal sealed record DeployTimeline(TimeSpan Build, TimeSpan Rollout, bool Coarse)
{
    private static readonly string[] Formats = ["HH:mm:ss.fff", "HH:mm:ss"];

    public static DeployTimeline Parse(string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var coarse = false;
        TimeOnly At(string marker)
        {
            var line = lines.FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"The deploy's log has no line with '{marker}':\n{log}");
            var stamp = line[..line.IndexOf(' ', StringComparison.Ordinal)];
            if (!TimeOnly.TryParseExact(stamp, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                throw new InvalidOperationException($"The log line '{line}' does not start with a time stamp.");
            }

            coarse |= !stamp.Contains('.', StringComparison.Ordinal);
            return at;
        }

        // TimeOnly subtraction wraps at midnight, so a deploy that spans it still gets its real duration.
        var build = At("---- Built ") - At("---- Building version ");
        var rollout = At("---- Version ") - At("---- Rolling out version ");
        return new DeployTimeline(build, rollout, coarse);
    }
}
