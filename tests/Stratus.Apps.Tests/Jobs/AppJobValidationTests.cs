using Stratus.Apps.Jobs;

namespace Stratus.Apps.Tests.Jobs;

public sealed class AppJobValidationTests
{
    [Fact]
    public void Problem_ValidScheduledJob_IsNull() => Assert.Null(TestJobs.Scheduled("nightly").Problem());

    [Fact]
    public void Problem_ManualJobWithSchedule_SaysToRemoveIt()
    {
        var job = TestJobs.Manual("once") with { Schedule = "* * * * *" };

        Assert.Contains("manual job has no 'schedule'", job.Problem()!, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_BothImageAndApp_NamesTheContainerFields()
    {
        var job = TestJobs.Manual("once") with { Container = new AppJobContainer("busybox", "web", []) };

        Assert.Contains("'container.image'", job.Problem()!, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_NullCommandArgument_NamesTheCommandField()
    {
        var job = TestJobs.Manual("once") with { Container = new AppJobContainer("busybox", null, ["sh", null!]) };

        Assert.Contains("'container.command'", job.Problem()!, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_UnknownConcurrencyPolicy_NamesTheField() =>
        Assert.Contains("'concurrencyPolicy'", (TestJobs.Manual("once") with { ConcurrencyPolicy = "Sometimes" }).Problem()!, StringComparison.Ordinal);

    [Fact]
    public void Problem_NegativeBackoffAndZeroDeadline_NameTheirFields()
    {
        Assert.Contains("'backoffLimit'", (TestJobs.Manual("once") with { BackoffLimit = -1 }).Problem()!, StringComparison.Ordinal);
        Assert.Contains("'activeDeadlineSeconds'", (TestJobs.Manual("once") with { ActiveDeadlineSeconds = 0 }).Problem()!, StringComparison.Ordinal);
    }

    [Fact]
    public void ScheduledRunId_SameJobAndDueTime_IsTheSameValidId()
    {
        var due = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

        var id = AppJobKeys.ScheduledRunId("nightly", due);

        Assert.Equal(id, AppJobKeys.ScheduledRunId("nightly", due));
        Assert.NotEqual(id, AppJobKeys.ScheduledRunId("nightly", due.AddMinutes(1)));
        Assert.NotEqual(id, AppJobKeys.ScheduledRunId("other", due));
        Assert.True(TimeOrderedId.IsValid(id));
        Assert.Equal(due, TimeOrderedId.TimeOf(id));
    }
}
