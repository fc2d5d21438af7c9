using System.Text.Json;
using Stratus.Cli.Configuration;
using Stratus.Identity.Tokens;
using Stratus.Testing.Hosting;
using Stratus.Testing;

namespace Stratus.Cli.Tests;

/// <summary><c>stratus login</c>, <c>logout</c> and <c>whoami</c>, and where the token comes from.</summary>
public sealed class LoginCommandTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task LoginToken_ThenWhoAmI_ShowsAdmin()
    {
        using var session = CliSession.For(api);

        var login = await session.RunWithInputAsync(api.AdminToken + "\n", "login", "--token", "--url", CliSession.ApiUrl);
        var whoami = await session.RunAsync("whoami");
        var json = await session.RunAsync("whoami", "--output", "json");

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains("user:admin", login.Out, StringComparison.Ordinal);
        Assert.True(whoami.ExitCode == 0, whoami.ToString());
        Assert.Contains("user:admin", whoami.Out, StringComparison.Ordinal);
        Assert.Contains("global", whoami.Out, StringComparison.Ordinal);
        Assert.Equal("user:admin", JsonDocument.Parse(json.Out).RootElement.GetProperty("principal").GetString());
        Assert.DoesNotContain(api.AdminToken, login.Out + login.Error + whoami.Out + json.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPassword_StdinPassword_StoresAWorkingTokenWithoutPrintingIt()
    {
        var user = UniqueNames.Next("login" + "-", 12);
        using var admin = CliSession.For(api);
        await admin.LoginAsync(api.AdminToken);
        var created = await admin.RunWithInputAsync(Password + "\n", "user", "create", user, "--password-stdin");
        using var session = CliSession.For(api);

        var login = await session.RunWithInputAsync(Password + "\n", "login", "--url", CliSession.ApiUrl, "--name", user, "--password-stdin");
        var whoami = await session.RunAsync("whoami", "-o", "json");
        var stored = JsonDocument.Parse(await File.ReadAllTextAsync(session.ConfigFile, Stratus.Testing.TestTimeout.Token())).RootElement;

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Equal($"user:{user}", JsonDocument.Parse(whoami.Out).RootElement.GetProperty("principal").GetString());
        var token = stored.GetProperty("token").GetString()!;
        Assert.StartsWith("stratus_pat_", token, StringComparison.Ordinal);
        Assert.Equal("http://localhost/", stored.GetProperty("url").GetString());
        Assert.DoesNotContain(token, login.Out + login.Error + whoami.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPassword_WrongPassword_ShowsProblemAndStoresNothing()
    {
        using var session = CliSession.For(api);

        var login = await session.RunWithInputAsync("not the password!\n", "login", "--url", CliSession.ApiUrl, "--name", "admin", "--password-stdin");

        Assert.Equal(1, login.ExitCode);
        Assert.Contains("Sign-in failed", login.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(session.ConfigFile));
    }

    [Fact]
    public async Task LoginToken_UnknownToken_Exits1AndStoresNothing()
    {
        using var session = CliSession.For(api);

        var login = await session.RunWithInputAsync(TokenSecrets.Create(TokenKind.Personal) + "\n", "login", "--token", "--url", CliSession.ApiUrl);

        Assert.Equal(1, login.ExitCode);
        Assert.Contains("Authentication required", login.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(session.ConfigFile));
    }

    [Fact]
    public async Task Login_TokenWithName_IsAUsageError()
    {
        using var session = CliSession.For(api);

        var login = await session.RunWithInputAsync(api.AdminToken + "\n", "login", "--token", "--name", "admin");

        Assert.Equal(1, login.ExitCode);
        Assert.Contains("--token cannot be combined", login.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_ConfigFile_IsReadableByTheOwnerOnly()
    {
        using var session = CliSession.For(api);

        await session.LoginAsync(api.AdminToken);
        var logout = await session.RunAsync("logout");

        Assert.True(logout.ExitCode == 0, logout.ToString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(session.ConfigFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(session.ConfigDirectory));
            Assert.Empty(Directory.GetFiles(session.ConfigDirectory, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));
        }
    }

    [Fact]
    public async Task Logout_StoredToken_RemovesItButKeepsTheUrl()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var logout = await session.RunAsync("logout");
        var whoami = await session.RunAsync("whoami");
        var stored = new ConfigStore(session.ConfigDirectory).Load();

        Assert.True(logout.ExitCode == 0, logout.ToString());
        Assert.Equal(1, whoami.ExitCode);
        Assert.Contains("Not logged in", whoami.Error, StringComparison.Ordinal);
        Assert.Null(stored.Token);
        Assert.Equal("http://localhost/", stored.Url);
    }

    [Fact]
    public async Task WhoAmI_StratusTokenSet_WinsOverTheStoredToken()
    {
        using var session = CliSession.For(api);
        new ConfigStore(session.ConfigDirectory).Save(new CliConfig(CliSession.ApiUrl, TokenSecrets.Create(TokenKind.Personal)));

        var withStored = await session.RunAsync("whoami");
        session.Variables[EnvironmentVariables.Token] = api.AdminToken;
        var withVariable = await session.RunAsync("whoami");

        Assert.Equal(1, withStored.ExitCode);
        Assert.True(withVariable.ExitCode == 0, withVariable.ToString());
        Assert.Contains("user:admin", withVariable.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoAmI_Request_SendsBearerTokenAndUserAgent()
    {
        var handler = new RecordingHandler(api.Server.CreateHandler());
        using var session = new CliSession(handler);
        session.Variables[EnvironmentVariables.Url] = CliSession.ApiUrl;
        session.Variables[EnvironmentVariables.Token] = api.AdminToken;

        var whoami = await session.RunAsync("whoami");

        Assert.True(whoami.ExitCode == 0, whoami.ToString());
        Assert.Equal($"Bearer {api.AdminToken}", handler.LastAuthorization);
        Assert.Matches(@"^stratus-cli/\d+\.\d+\.\d+", handler.LastUserAgent);
    }
}
