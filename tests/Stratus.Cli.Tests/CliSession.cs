using Spectre.Console;
using Stratus.Cli.Configuration;
using Stratus.Testing.Hosting;

namespace Stratus.Cli.Tests;

/// <summary>
/// A user at a terminal-less shell: a config folder of their own, their own environment variables (nothing from the
/// test process), and the CLI run in-process with its HTTP going to <paramref name="handler"/> (the API under test).
/// </summary>
internal sealed class CliSession(HttpMessageHandler? handler) : IDisposable
{
    public const string ApiUrl = "http://localhost";

    public string ConfigDirectory { get; } = Path.Combine(Directory.CreateTempSubdirectory("stratus-cli-").FullName, "config");

    public Dictionary<string, string> Variables { get; } = [];

    public string ConfigFile => Path.Combine(ConfigDirectory, "config.json");

    public static CliSession For(StratusApiFactory api) => new(api.Server.CreateHandler());

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync("", args);

    public async Task<CliResult> RunWithInputAsync(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stdin = new StringReader(input);
        var variables = new Dictionary<string, string>(Variables) { [EnvironmentVariables.ConfigDir] = ConfigDirectory };
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            In = stdin,
            Console = PlainConsole(output),
            ErrorConsole = PlainConsole(error),
            GetVariable = name => variables.GetValueOrDefault(name),
            HomeDirectory = ConfigDirectory,
            HttpHandler = handler,
        };

        var exitCode = await new StratusCli(environment).RunAsync(args, Stratus.Testing.TestTimeout.Token());
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Stores <paramref name="token"/> as <c>stratus login --token</c> does, and checks that it worked.</summary>
    public async Task LoginAsync(string token)
    {
        var result = await RunWithInputAsync(token + "\n", "login", "--token", "--url", ApiUrl);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public void Dispose()
    {
        handler?.Dispose();
        var root = Path.GetDirectoryName(ConfigDirectory)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static IAnsiConsole PlainConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 250;
        return console;
    }
}
