using Stratus.Kubernetes.Runtime;

namespace Stratus.Kubernetes.Tests.Runtime;

public sealed class PodmanLogLinesTests
{
    [Fact]
    public void Parse_NanosecondTimestamp_SplitsTimeAndText()
    {
        var line = PodmanLogLines.Parse("2026-11-22T06:23:26.863964963Z FOO=a b", "u", "web", DateTimeOffset.UnixEpoch);

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 6, 23, 26, TimeSpan.Zero).AddTicks(8639649), line.Time);
        Assert.Equal("FOO=a b", line.Text);
        Assert.Equal(("u", "web"), (line.Unit, line.Process));
    }

    [Fact]
    public void Parse_OffsetTimestamp_KeepsOffset()
    {
        var line = PodmanLogLines.Parse("2026-11-22T06:23:26.5+02:00 hi", "u", "web", DateTimeOffset.UnixEpoch);

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 4, 23, 26, 500, TimeSpan.Zero), line.Time.ToUniversalTime());
        Assert.Equal("hi", line.Text);
    }

    [Fact]
    public void Parse_NoTimestamp_KeepsWholeLineAtFallbackTime()
    {
        var fallback = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var line = PodmanLogLines.Parse("plain text", "u", "web", fallback);

        Assert.Equal((fallback, "plain text"), (line.Time, line.Text));
    }
}
