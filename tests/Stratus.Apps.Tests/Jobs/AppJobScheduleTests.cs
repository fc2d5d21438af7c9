using Stratus.Apps.Jobs;

namespace Stratus.Apps.Tests.Jobs;

public sealed class AppJobScheduleTests
{
    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("0 3 * * 1-5")]
    [InlineData("@daily")]
    [InlineData("@hourly")]
    public void Problem_KubernetesCronExpression_IsNull(string schedule) => Assert.Null(AppJobSchedule.Problem(schedule));

    [Theory]
    [InlineData("* * * *")]
    [InlineData("0 0 3 * * ?")]
    [InlineData("61 * * * *")]
    [InlineData("every day")]
    [InlineData("@sometimes")]
    public void Problem_InvalidExpression_NamesTheScheduleField(string schedule)
    {
        var problem = AppJobSchedule.Problem(schedule);

        Assert.NotNull(problem);
        Assert.Contains("'schedule'", problem, StringComparison.Ordinal);
        Assert.Contains(schedule, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_Missing_SaysToSetManual()
    {
        var problem = AppJobSchedule.Problem(" ");

        Assert.NotNull(problem);
        Assert.Contains("manual", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void NextAfter_DailyAtThree_IsTheNextThreeOClockUtc()
    {
        var after = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 12, 8, 3, 0, 0, TimeSpan.Zero), AppJobSchedule.NextAfter("0 3 * * *", after));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero), AppJobSchedule.NextAfter("0 3 * * *", after.AddSeconds(-1)));
    }

    [Fact]
    public void NextAfter_ThirtyFirstOfFebruary_IsNever() =>
        Assert.Null(AppJobSchedule.NextAfter(AppJobSchedule.Never, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
}
