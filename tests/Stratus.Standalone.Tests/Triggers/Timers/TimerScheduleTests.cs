using Stratus.Standalone.Triggers.Timers;

namespace Stratus.Standalone.Tests.Triggers.Timers;

public sealed class TimerScheduleTests
{
    private static readonly DateTimeOffset Start = TimerTestbed.Start;

    [Fact]
    public void NextAfter_OnAnOccurrence_ReturnsTheFollowingOne()
    {
        var schedule = TimerSchedule.Parse("tick", "*/2 * * * * *");

        Assert.Equal(Start.AddSeconds(2), schedule.NextAfter(Start));
        Assert.Equal(Start.AddSeconds(2), schedule.NextAfter(Start.AddMilliseconds(1500)));
    }

    [Fact]
    public void NextAfter_OffsetTime_IsEvaluatedInUtc()
    {
        var schedule = TimerSchedule.Parse("nightly", "0 0 3 * * *");

        var next = schedule.NextAfter(new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.FromHours(2)));

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }
}
