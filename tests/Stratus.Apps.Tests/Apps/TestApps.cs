using Stratus.Apps.Apps;

namespace Stratus.Apps.Tests.Apps;

internal static class TestApps
{
    public static App New(string name) => new(
        name,
        "static",
        "small",
        "team-a",
        "local",
        "an app",
        ["tag1"],
        new Dictionary<string, string>(),
        [],
        new Dictionary<string, int> { ["web"] = 1 });
}
