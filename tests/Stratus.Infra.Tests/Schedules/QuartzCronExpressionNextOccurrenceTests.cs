using Stratus.Infra.Schedules;
using static Stratus.Infra.Tests.Schedules.CronTestTimes;

namespace Stratus.Infra.Tests.Schedules;

public sealed class QuartzCronExpressionNextOccurrenceTests
{
    [Theory]
    // Terrakube's example: every five minutes.
    [InlineData("0 0/5 * ? * * *", "2025-01-01T00:00:00Z", "2025-01-01T00:05:00Z")]
    [InlineData("0 0/5 * ? * * *", "2025-01-01T00:02:30Z", "2025-01-01T00:05:00Z")]
    [InlineData("0 0/5 * ? * * *", "2025-12-31T23:55:00Z", "2026-01-01T00:00:00Z")]
    // Noon every day; strictly after, so noon itself moves to the next day.
    [InlineData("0 0 12 * * ?", "2025-01-01T11:59:59Z", "2025-01-01T12:00:00Z")]
    [InlineData("0 0 12 * * ?", "2025-01-01T12:00:00Z", "2025-01-02T12:00:00Z")]
    // Weekdays at 10:15: Friday 3 January 2025 moves on to Monday the 6th.
    [InlineData("0 15 10 ? * MON-FRI", "2025-01-03T10:15:00Z", "2025-01-06T10:15:00Z")]
    [InlineData("0 15 10 ? * MON-FRI", "2025-01-04T00:00:00Z", "2025-01-06T10:15:00Z")]
    [InlineData("0 15 10 ? * 2-6", "2025-01-03T10:15:00Z", "2025-01-06T10:15:00Z")]
    // Every fifth day from the 1st: 1, 6, ... 31, then the 1st again.
    [InlineData("0 0 12 1/5 * ?", "2025-01-01T12:00:00Z", "2025-01-06T12:00:00Z")]
    [InlineData("0 0 12 1/5 * ?", "2025-01-26T12:00:00Z", "2025-01-31T12:00:00Z")]
    [InlineData("0 0 12 1/5 * ?", "2025-01-31T12:00:00Z", "2025-02-01T12:00:00Z")]
    // Last day of the month, and three days before it.
    [InlineData("0 15 10 L * ?", "2025-01-01T00:00:00Z", "2025-01-31T10:15:00Z")]
    [InlineData("0 15 10 L * ?", "2025-01-31T10:15:00Z", "2025-02-28T10:15:00Z")]
    [InlineData("0 15 10 L * ?", "2024-02-01T00:00:00Z", "2024-02-29T10:15:00Z")]
    [InlineData("0 15 10 L-3 * ?", "2025-01-01T00:00:00Z", "2025-01-28T10:15:00Z")]
    [InlineData("0 15 10 L-3 * ?", "2025-01-28T10:15:00Z", "2025-02-25T10:15:00Z")]
    // Last Friday: 31 January, 28 February and 28 March 2025 (31 March is a Monday).
    [InlineData("0 15 10 ? * 6L", "2025-01-01T00:00:00Z", "2025-01-31T10:15:00Z")]
    [InlineData("0 15 10 ? * 6L", "2025-01-31T10:15:00Z", "2025-02-28T10:15:00Z")]
    [InlineData("0 15 10 ? * FRIL", "2025-03-01T00:00:00Z", "2025-03-28T10:15:00Z")]
    // Third Friday: 17 January and 21 February 2025.
    [InlineData("0 15 10 ? * 6#3", "2025-01-01T00:00:00Z", "2025-01-17T10:15:00Z")]
    [InlineData("0 15 10 ? * 6#3", "2025-01-17T10:15:00Z", "2025-02-21T10:15:00Z")]
    [InlineData("0 15 10 ? * FRI#3", "2025-01-17T10:15:01Z", "2025-02-21T10:15:00Z")]
    // A fifth Friday: 31 January 2025, then none until 30 May.
    [InlineData("0 15 10 ? * 6#5", "2025-01-31T10:15:00Z", "2025-05-30T10:15:00Z")]
    // Last weekday: 31 January (Friday); 31 May is a Saturday → 30th; 31 August is a Sunday → 29th.
    [InlineData("0 0 12 LW * ?", "2025-01-01T00:00:00Z", "2025-01-31T12:00:00Z")]
    [InlineData("0 0 12 LW * ?", "2025-05-01T00:00:00Z", "2025-05-30T12:00:00Z")]
    [InlineData("0 0 12 LW * ?", "2025-08-01T00:00:00Z", "2025-08-29T12:00:00Z")]
    // Nearest weekday to the 15th: a weekday stays; Saturday 15 Feb 2025 → Friday 14th; Sunday 15 June → Monday 16th.
    [InlineData("0 0 0 15W * ?", "2025-01-01T00:00:00Z", "2025-01-15T00:00:00Z")]
    [InlineData("0 0 0 15W * ?", "2025-02-01T00:00:00Z", "2025-02-14T00:00:00Z")]
    [InlineData("0 0 0 15W * ?", "2025-06-01T00:00:00Z", "2025-06-16T00:00:00Z")]
    // 'W' never leaves the month: Saturday 1 Feb 2025 → Monday 3rd; Sunday 31 Aug 2025 → Friday 29th.
    [InlineData("0 0 0 1W * ?", "2025-01-31T00:00:00Z", "2025-02-03T00:00:00Z")]
    [InlineData("0 0 0 31W * ?", "2025-08-01T00:00:00Z", "2025-08-29T00:00:00Z")]
    // 31W skips months without a 31st: after January comes March (31 March 2025 is a Monday).
    [InlineData("0 0 0 31W * ?", "2025-01-31T00:00:00Z", "2025-03-31T00:00:00Z")]
    // 'L' alone in day-of-week is Saturday.
    [InlineData("0 0 12 ? * L", "2025-01-01T00:00:00Z", "2025-01-04T12:00:00Z")]
    // Ranges may wrap past the end of the field.
    [InlineData("0 0 9 ? * FRI-MON", "2025-01-06T09:00:00Z", "2025-01-10T09:00:00Z")]
    [InlineData("0 0 22-2 * * ?", "2025-01-01T02:00:00Z", "2025-01-01T22:00:00Z")]
    [InlineData("0 0 22-2 * * ?", "2025-01-01T23:00:00Z", "2025-01-02T00:00:00Z")]
    [InlineData("0 10-30/10 * * * ?", "2025-01-01T00:30:00Z", "2025-01-01T01:10:00Z")]
    // Every second, including across a year end.
    [InlineData("* * * ? * *", "2025-01-01T00:00:00Z", "2025-01-01T00:00:01Z")]
    [InlineData("* * * ? * *", "2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z")]
    // 29 February only in leap years.
    [InlineData("0 0 0 29 2 ?", "2025-01-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 0 29 2 ?", "2024-02-29T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 0 L 2 ?", "2024-03-01T00:00:00Z", "2025-02-28T00:00:00Z")]
    // Years.
    [InlineData("0 0 0 1 1 ? 2030", "2025-06-01T00:00:00Z", "2030-01-01T00:00:00Z")]
    [InlineData("0 0 0 1 1 ? 2026-2028", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData("0 0 0 1 1 ? */50", "2025-01-01T00:00:00Z", "2070-01-01T00:00:00Z")]
    [InlineData("0 0 0 ? FEB MON#1 2031", "2025-01-01T00:00:00Z", "2031-02-03T00:00:00Z")]
    // Month names mixed with numbers.
    [InlineData("0 0 0 1 jan,Jul,10 ?", "2025-07-01T00:00:00Z", "2025-10-01T00:00:00Z")]
    public void GetNextOccurrence_Utc_IsNextMatch(string expression, string after, string expected) =>
        Assert.Equal(At(expected), Next(expression, after));

    [Theory]
    [InlineData("0 0 0 1 1 ? 2030", "2030-01-01T00:00:00Z")]
    [InlineData("0 0 0 1 1 ? 2026-2028", "2028-01-01T00:00:00Z")]
    [InlineData("0 0 0 29 2 ?", "2096-02-29T00:00:00Z")]
    [InlineData("0 0 0 30 2 ?", "2025-01-01T00:00:00Z")]
    [InlineData("0 0 0 ? 2 6#5 2025-2029", "2025-01-01T00:00:00Z")]
    [InlineData("* * * ? * *", "2099-12-31T23:59:59Z")]
    public void GetNextOccurrence_NoMoreMatches_IsNull(string expression, string after) =>
        Assert.Null(Next(expression, after));

    [Fact]
    public void GetNextOccurrence_SubSecondAfter_IsNextWholeSecond() =>
        Assert.Equal(At("2025-01-01T00:00:01Z"), Next("* * * ? * *", "2025-01-01T00:00:00.5Z"));

    [Fact]
    public void GetNextOccurrence_AfterWithOffset_ComparesInstants() =>
        // 12:00+02:00 is 10:00 UTC, so 11:00 UTC the same day is next.
        Assert.Equal(At("2025-01-01T11:00:00Z"), Next("0 0 11 * * ?", "2025-01-01T12:00:00+02:00"));

    [Fact]
    public void GetNextOccurrence_ExtremeInstants_AreHandled()
    {
        var daily = QuartzCronExpression.Parse("0 0 0 * * ?");

        Assert.Equal(At("1970-01-01T00:00:00Z"), daily.GetNextOccurrence(DateTimeOffset.MinValue));
        Assert.Null(daily.GetNextOccurrence(DateTimeOffset.MaxValue));
        Assert.Null(daily.GetNextOccurrence(DateTimeOffset.MaxValue, CronTestTimes.Eastern));
    }

    [Fact]
    public void GetNextOccurrence_MonthAndDayNames_MatchNumbers()
    {
        var named = Occurrences("0 0 9 ? jan,Mar,dec mon-WED,fri", "2024-06-01T00:00:00Z", 200);
        var numbered = Occurrences("0 0 9 ? 1,3,12 2-4,6", "2024-06-01T00:00:00Z", 200);

        Assert.Equal(200, named.Count);
        Assert.Equal(numbered, named);
        Assert.All(named, occurrence => Assert.Contains(occurrence.Month, new[] { 1, 3, 12 }));
        Assert.All(named, occurrence => Assert.NotEqual(DayOfWeek.Thursday, occurrence.DayOfWeek));
    }

    [Fact]
    public void GetNextOccurrence_TenThousandIterations_AreMonotonicAndEvenlySpaced()
    {
        var occurrences = Occurrences("0 0/5 * ? * * *", "2025-01-01T00:00:00Z", 10_000);

        Assert.Equal(10_000, occurrences.Count);
        Assert.Equal(At("2025-01-01T00:05:00Z"), occurrences[0]);
        for (var i = 1; i < occurrences.Count; i++)
        {
            Assert.Equal(TimeSpan.FromMinutes(5), occurrences[i] - occurrences[i - 1]);
        }
    }

    public static TheoryData<string, Func<DateTime, bool>> DayRules => new()
    {
        { "L", day => day.Day == DateTime.DaysInMonth(day.Year, day.Month) },
        { "L-3", day => day.Day == DateTime.DaysInMonth(day.Year, day.Month) - 3 },
        { "LW", day => IsWeekday(day) && WeekdaysOfMonth(day).Max() == day.Day },
        { "15W", day => NearestWeekday(day, 15) },
        { "1W", day => NearestWeekday(day, 1) },
        { "31W", day => DateTime.DaysInMonth(day.Year, day.Month) == 31 && NearestWeekday(day, 31) },
        { "1/5", day => day.Day % 5 == 1 },
        { "28-3", day => day.Day >= 28 || day.Day <= 3 },
    };

    public static TheoryData<string, Func<DateTime, bool>> WeekdayRules => new()
    {
        { "6L", day => day.DayOfWeek == DayOfWeek.Friday && day.AddDays(7).Month != day.Month },
        { "6#3", day => day.DayOfWeek == DayOfWeek.Friday && (day.Day - 1) / 7 == 2 },
        { "2#5", day => day.DayOfWeek == DayOfWeek.Monday && (day.Day - 1) / 7 == 4 },
        { "SAT,SUN", day => !IsWeekday(day) },
        { "2/2", day => day.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Wednesday or DayOfWeek.Friday },
    };

    [Theory]
    [MemberData(nameof(DayRules))]
    public void GetNextOccurrence_DayOfMonthRule_MatchesDefinitionOverFiveYears(string dayOfMonth, Func<DateTime, bool> matches) =>
        AssertDaysMatch($"0 0 12 {dayOfMonth} * ?", matches);

    [Theory]
    [MemberData(nameof(WeekdayRules))]
    public void GetNextOccurrence_DayOfWeekRule_MatchesDefinitionOverFiveYears(string dayOfWeek, Func<DateTime, bool> matches) =>
        AssertDaysMatch($"0 0 12 ? * {dayOfWeek}", matches);

    // Compares the search with a direct, day-by-day reading of the rule's definition over 2024-2028 (two Februaries
    // of 29 days, every weekday arrangement of every month length).
    private static void AssertDaysMatch(string expression, Func<DateTime, bool> matches)
    {
        var expected = new List<DateTimeOffset>();
        for (var day = new DateTime(2024, 1, 1); day.Year < 2029; day = day.AddDays(1))
        {
            if (matches(day))
            {
                expected.Add(new DateTimeOffset(day.AddHours(12), TimeSpan.Zero));
            }
        }

        var actual = Occurrences(expression, "2023-12-31T23:59:59Z", expected.Count + 1);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual.Where(occurrence => occurrence.Year < 2029));
    }

    private static bool IsWeekday(DateTime day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static IEnumerable<int> WeekdaysOfMonth(DateTime day) =>
        Enumerable.Range(1, DateTime.DaysInMonth(day.Year, day.Month))
            .Where(d => IsWeekday(new DateTime(day.Year, day.Month, d)));

    // The weekday of the month closest to the target day (ties cannot happen: a weekend day's neighbours are one and two
    // days away, or only one of them is in the month).
    private static bool NearestWeekday(DateTime day, int target) =>
        IsWeekday(day) && WeekdaysOfMonth(day).MinBy(d => Math.Abs(d - target)) == day.Day;
}
