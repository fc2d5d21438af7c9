using Stratus.Cli.Configuration;
using Stratus.Testing;
using Stratus.Testing.Hosting;

namespace Stratus.Cli.Tests;

/// <summary>How failures read and which exit codes they give: 1 for refusals and mistakes, 2 for server failures and no server.</summary>
public sealed class ErrorHandlingTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>
{
    [Fact]
    public async Task UserRemove_UnknownUser_ShowsNotFoundTitleAndDetailAndExits1()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var result = await session.RunAsync("user", "remove", "nobody-at-all");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Not found", result.Error, StringComparison.Ordinal);
        Assert.Contains("There is no user named 'nobody-at-all'.", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task UserList_CallerWithoutPermission_ShowsForbiddenTitleAndDetailAndExits1()
    {
        const string password = "a long enough passphrase";
        var user = UniqueNames.Next("plain" + "-", 12);
        using var admin = CliSession.For(api);
        await admin.LoginAsync(api.AdminToken);
        Assert.Equal(0, (await admin.RunWithInputAsync(password, "user", "create", user, "--password-stdin")).ExitCode);
        using var session = CliSession.For(api);
        Assert.Equal(0, (await session.RunWithInputAsync(password, "login", "--url", CliSession.ApiUrl, "-n", user, "--password-stdin")).ExitCode);

        var result = await session.RunAsync("user", "list", "-o", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Permission required", result.Error, StringComparison.Ordinal);
        Assert.Contains("'user.read' permission on 'global'", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task RoleCreate_UnknownPermission_ShowsInvalidRequestAndExits1()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var result = await session.RunAsync("role", "create", UniqueNames.Next("typo" + "-", 12), "--permission", "app.deplyo");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Invalid request", result.Error, StringComparison.Ordinal);
        Assert.Contains("app.deplyo", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoAmI_NotLoggedIn_SaysHowToLogInAndExits1()
    {
        using var session = CliSession.For(api);

        var result = await session.RunAsync("whoami");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Not logged in.", result.Error, StringComparison.Ordinal);
        Assert.Contains("stratus login", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoAmI_NothingListening_ShowsCannotReachAndExits2()
    {
        using var session = new CliSession(handler: null);
        session.Variables[EnvironmentVariables.Url] = $"http://127.0.0.1:{FreePort.Next()}";
        session.Variables[EnvironmentVariables.Token] = api.AdminToken;

        var result = await session.RunAsync("whoami");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Cannot reach Stratus at http://127.0.0.1:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoAmI_ServerError_ShowsProblemAndExits2()
    {
        using var session = new CliSession(new FailingApiHandler());
        session.Variables[EnvironmentVariables.Url] = CliSession.ApiUrl;
        session.Variables[EnvironmentVariables.Token] = api.AdminToken;

        var result = await session.RunAsync("whoami");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Storage unavailable", result.Error, StringComparison.Ordinal);
        Assert.Contains("The table service did not answer.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownCommand_Exits1()
    {
        using var session = CliSession.For(api);

        var result = await session.RunAsync("frobnicate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("frobnicate", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadOutputFormat_Exits1()
    {
        using var session = CliSession.For(api);

        var result = await session.RunAsync("whoami", "--output", "xml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--output must be table or json", result.Error, StringComparison.Ordinal);
    }
}
