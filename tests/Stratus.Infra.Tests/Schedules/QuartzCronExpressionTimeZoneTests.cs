using Stratus.Infra.Schedules;
using static Stratus.Infra.Tests.Schedules.CronTestTimes;

namespace Stratus.Infra.Tests.Schedules;

public sealed class QuartzCronExpressionTimeZoneTests
{
    [Fact]
    public void GetNextOccurrence_NullZone_IsUtc()
    {
        var next = Next("0 0 12 * * ?", "2025-01-01T00:00:00Z");

        Assert.Equal(At("2025-01-01T12:00:00Z"), next);
        Assert.Equal(TimeSpan.Zero, next!.Value.Offset);
    }

    [Fact]
    public void GetNextOccurrence_FixedOffsetZone_MatchesLocalTimeAndCarriesOffset()
    {
        var india = TimeZoneInfo.CreateCustomTimeZone("Test/India", new TimeSpan(5, 30, 0), "Test India", "Test India");

        var next = Next("0 0 9 * * ?", "2025-01-01T00:00:00Z", india);

        Assert.Equal(At("2025-01-01T09:00:00+05:30"), next);
        Assert.Equal(new TimeSpan(5, 30, 0), next!.Value.Offset);
    }

    [Fact]
    public void GetNextOccurrence_ZoneWithDaylightTime_UsesTheOffsetOfTheDay()
    {
        Assert.Equal(TimeSpan.FromHours(-5), Next("0 0 9 * * ?", "2025-01-10T00:00:00Z", Eastern)!.Value.Offset);
        Assert.Equal(At("2025-07-10T09:00:00-04:00"), Next("0 0 9 * * ?", "2025-07-10T00:00:00Z", Eastern));
    }

    [Fact]
    public void GetNextOccurrence_TimeSkippedBySpringForward_FiresWhenTheGapEnds()
    {
        // 02:30 does not exist on 9 March 2025: the clocks go from 02:00 EST to 03:00 EDT.
        var next = Next("0 30 2 * * ?", "2025-03-09T00:00:00-05:00", Eastern);

        Assert.Equal(At("2025-03-09T03:00:00-04:00"), next);
        Assert.Equal(TimeSpan.FromHours(-4), next!.Value.Offset);
        Assert.Equal(At("2025-03-10T02:30:00-04:00"), QuartzCronExpression.Parse("0 30 2 * * ?").GetNextOccurrence(next.Value, Eastern));
    }

    [Fact]
    public void GetNextOccurrence_IntervalAcrossSpringForward_CollapsesSkippedTimesIntoOne()
    {
        var occurrences = Occurrences("0 0/30 * * * ?", "2025-03-09T01:00:00-05:00", 3, Eastern);

        Assert.Equal([At("2025-03-09T01:30:00-05:00"), At("2025-03-09T03:00:00-04:00"), At("2025-03-09T03:30:00-04:00")], occurrences);
    }

    [Fact]
    public void GetNextOccurrence_DailyTimeRepeatedByFallBack_FiresOnce()
    {
        // 01:30 happens twice on 2 November 2025 (EDT, then EST); a daily job runs at the first.
        var occurrences = Occurrences("0 30 1 * * ?", "2025-11-02T00:00:00-04:00", 2, Eastern);

        Assert.Equal([At("2025-11-02T01:30:00-04:00"), At("2025-11-03T01:30:00-05:00")], occurrences);
    }

    [Fact]
    public void GetNextOccurrence_DailyTimeSearchedFromRepeatedHour_DoesNotFireAgain()
    {
        Assert.Equal(At("2025-11-03T01:30:00-05:00"), Next("0 30 1 * * ?", "2025-11-02T01:40:00-04:00", Eastern));
        Assert.Equal(At("2025-11-03T01:30:00-05:00"), Next("0 30 1 * * ?", "2025-11-02T01:10:00-05:00", Eastern));
        Assert.Equal(At("2025-11-02T01:45:00-04:00"), Next("0 45 1 * * ?", "2025-11-02T01:40:00-04:00", Eastern));
    }

    [Fact]
    public void GetNextOccurrence_IntervalAcrossFallBack_FiresInBothPasses()
    {
        var occurrences = Occurrences("0 0/30 * * * ?", "2025-11-02T00:45:00-04:00", 5, Eastern);

        Assert.Equal(
            [
                At("2025-11-02T01:00:00-04:00"),
                At("2025-11-02T01:30:00-04:00"),
                At("2025-11-02T01:00:00-05:00"),
                At("2025-11-02T01:30:00-05:00"),
                At("2025-11-02T02:00:00-05:00"),
            ],
            occurrences);
    }

    [Theory]
    [InlineData("2025-11-02T01:40:00-04:00", "2025-11-02T01:00:00-05:00")]
    [InlineData("2025-11-02T01:59:59-04:00", "2025-11-02T01:00:00-05:00")]
    [InlineData("2025-11-02T01:10:00-05:00", "2025-11-02T01:30:00-05:00")]
    [InlineData("2025-11-02T01:45:00-05:00", "2025-11-02T02:00:00-05:00")]
    public void GetNextOccurrence_IntervalSearchedFromRepeatedHour_ContinuesInOrder(string after, string expected) =>
        Assert.Equal(At(expected), Next("0 0/30 * * * ?", after, Eastern));

    [Theory]
    [InlineData("0 0/30 * * * ?", 30)]
    [InlineData("0 0 * * * ?", 60)]
    public void GetNextOccurrence_IntervalOverAYearWithDaylightTime_IsEvenlySpacedInRealTime(string expression, int minutes)
    {
        // Both changes of 2025 lie inside; real elapsed time between firings never varies.
        var occurrences = Occurrences(expression, "2025-01-01T00:00:00Z", 20_000, Eastern);

        Assert.Equal(20_000, occurrences.Count);
        for (var i = 1; i < occurrences.Count; i++)
        {
            Assert.Equal(TimeSpan.FromMinutes(minutes), occurrences[i] - occurrences[i - 1]);
        }
    }

    [Fact]
    public void GetNextOccurrence_EverySecondAcrossFallBack_NeverRepeatsOrStalls()
    {
        var occurrences = Occurrences("* * * ? * *", "2025-11-02T00:59:58-04:00", 7_300, Eastern);

        for (var i = 1; i < occurrences.Count; i++)
        {
            Assert.Equal(TimeSpan.FromSeconds(1), occurrences[i] - occurrences[i - 1]);
        }
    }
}
