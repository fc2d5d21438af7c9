using Stratus.Apps.Jobs;

namespace Stratus.Apps.Tests.Jobs;

internal static class TestJobs
{
    public static AppJob Scheduled(string name, string schedule = "0 3 * * *") =>
        new(name, "team-a", "local", "small", null, [], new AppJobContainer("127.0.0.1:5000/tools/busybox:1", null, ["sh", "-c", "echo hi"]), schedule, Manual: false);

    public static AppJob Manual(string name) => Scheduled(name) with { Schedule = null, Manual = true };
}
