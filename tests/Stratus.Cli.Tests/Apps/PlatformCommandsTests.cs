using System.Text.Json;
using static Stratus.Cli.Tests.Apps.CliRuns;
using Stratus.Testing.Hosting;
using Stratus.Testing;

namespace Stratus.Cli.Tests.Apps;

/// <summary>The platform commands against the real API, signed in as the bootstrap admin.</summary>
public sealed class PlatformCommandsTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>
{
    private const string Image = "127.0.0.1:5000/platforms/static:latest";

    [Fact]
    public async Task PlatformAdd_ThenUpdateAndDisable_ListShowsTheChanges()
    {
        var platform = UniqueNames.Next("static" + "-", 12);
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var added = await AssertOkAsync(session.RunAsync("platform", "add", platform, "--image", Image));
        var updated = await AssertOkAsync(session.RunAsync("platform", "update", platform, "--image", "127.0.0.1:5000/platforms/static:v2", "--disable"));
        var table = await AssertOkAsync(session.RunAsync("platform", "list"));
        var enabled = await AssertOkAsync(session.RunAsync("platform", "update", platform, "--enable", "-o", "json"));

        Assert.Contains($"Added platform {platform} ({Image}).", added.Out, StringComparison.Ordinal);
        Assert.Contains($"Updated platform {platform}: 127.0.0.1:5000/platforms/static:v2, disabled.", updated.Out, StringComparison.Ordinal);
        var row = table.Out.Split('\n').Single(l => l.Contains(platform, StringComparison.Ordinal));
        Assert.Contains("static:v2", row, StringComparison.Ordinal);
        Assert.Contains("disabled", row, StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(enabled.Out).RootElement.GetProperty("disabled").GetBoolean());
    }

    [Fact]
    public async Task PlatformAdd_ExistingName_FailsWithConflict()
    {
        var platform = UniqueNames.Next("static" + "-", 12);
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        await AssertOkAsync(session.RunAsync("platform", "add", platform, "--image", Image));

        var again = await session.RunAsync("platform", "add", platform, "--image", Image);

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("exists already", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlatformUpdate_NothingToChangeOrBothFlags_Fails()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var nothing = await session.RunAsync("platform", "update", "static");
        var both = await session.RunAsync("platform", "update", "static", "--enable", "--disable");

        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains("Nothing to change.", nothing.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("either --disable or --enable", both.Error + both.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlatformRemove_Existing_LeavesTheList()
    {
        var platform = UniqueNames.Next("static" + "-", 12);
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        await AssertOkAsync(session.RunAsync("platform", "add", platform, "--image", Image));

        var removed = await AssertOkAsync(session.RunAsync("platform", "remove", platform));
        var json = await AssertOkAsync(session.RunAsync("platform", "list", "-o", "json"));

        Assert.Contains($"Removed platform {platform}.", removed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(platform, json.Out, StringComparison.Ordinal);
    }
}
