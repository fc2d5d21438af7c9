using Stratus.Cli.Api;
using Stratus.Cli.Configuration;

namespace Stratus.Cli.Tests;

/// <summary>Where the config file, the URL and the token come from, and how API paths are built.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void Resolve_EverythingSet_OptionThenVariableThenFile()
    {
        var config = new CliConfig("http://from-file:1", "file-token");
        var variables = new Dictionary<string, string> { [EnvironmentVariables.Url] = "http://from-env:2", [EnvironmentVariables.Token] = "env-token" };

        var withOption = ConnectionSettings.Resolve(config, variables.GetValueOrDefault, "https://from-option/base");
        var withVariables = ConnectionSettings.Resolve(config, variables.GetValueOrDefault);
        var fileOnly = ConnectionSettings.Resolve(config, _ => null);
        var nothing = ConnectionSettings.Resolve(CliConfig.Empty, _ => " ");

        Assert.Equal("https://from-option/base/", withOption.Url.AbsoluteUri);
        Assert.Equal("env-token", withOption.Token);
        Assert.Equal("http://from-env:2/", withVariables.Url.AbsoluteUri);
        Assert.Equal("http://from-file:1/", fileOnly.Url.AbsoluteUri);
        Assert.Equal("file-token", fileOnly.Token);
        Assert.Equal("http://127.0.0.1:7071/", nothing.Url.AbsoluteUri);
        Assert.Null(nothing.Token);
    }

    [Theory]
    [InlineData("ftp://host")]
    [InlineData("not a url")]
    [InlineData("/relative")]
    public void ParseUrl_NotHttp_Throws(string url) => Assert.Throws<CliException>(() => ConnectionSettings.ParseUrl(url));

    [Fact]
    public void Of_SegmentsWithSeparators_AreEscaped()
    {
        var path = ApiPath.WithQuery(ApiPath.Of("users", "a/b?c", "tokens"), ("principal", "team:x y"), ("role", null));

        Assert.Equal("api/v1/users/a%2Fb%3Fc/tokens?principal=team%3Ax%20y", path);
    }

    [Fact]
    public void For_NoConfigDirVariable_UsesDotStratusInTheHomeFolder()
    {
        var environment = new CliEnvironment
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            In = TextReader.Null,
            Console = Spectre.Console.AnsiConsole.Console,
            ErrorConsole = Spectre.Console.AnsiConsole.Console,
            GetVariable = _ => null,
            HomeDirectory = "/home/someone",
        };

        Assert.Equal(Path.Combine("/home/someone", ".stratus", "config.json"), ConfigStore.For(environment).FilePath);
    }

    [Fact]
    public void Load_MalformedFile_ThrowsNamingTheFile()
    {
        var directory = Directory.CreateTempSubdirectory("stratus-cli-config-").FullName;
        try
        {
            var store = new ConfigStore(directory);
            File.WriteAllText(store.FilePath, "{ not json");

            var error = Assert.Throws<CliException>(store.Load);

            Assert.Contains(store.FilePath, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Save_ThenLoad_RoundTrips()
    {
        var directory = Path.Combine(Directory.CreateTempSubdirectory("stratus-cli-config-").FullName, "nested");
        try
        {
            var store = new ConfigStore(directory);

            store.Save(new CliConfig("http://example/", "secret"));
            store.Save(new CliConfig("http://example/", null));

            Assert.Equal(new CliConfig("http://example/", null), store.Load());
            Assert.DoesNotContain("token", File.ReadAllText(store.FilePath), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
        }
    }
}
