using Spectre.Console;

namespace Stratus.Cli;

/// <summary>
/// Everything the CLI takes from its process: the standard streams, the consoles that render to them, environment
/// variables, the home folder and how HTTP requests leave. Tests build one of their own to run the CLI in-process.
/// </summary>
internal sealed class CliEnvironment
{
    private const int RedirectedWidth = 240;

    /// <summary>Standard output: tables, messages and raw JSON.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: parse errors and API problems.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Standard input: <c>--password-stdin</c> and <c>login --token</c> read from it.</summary>
    public required TextReader In { get; init; }

    /// <summary>Renders to <see cref="Out"/>; also prompts, when <see cref="CanPrompt"/>.</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Renders to <see cref="Error"/>.</summary>
    public required IAnsiConsole ErrorConsole { get; init; }

    /// <summary>Reads an environment variable (null when unset).</summary>
    public required Func<string, string?> GetVariable { get; init; }

    /// <summary>The user's home folder, where <c>.stratus/config.json</c> lives unless <c>STRATUS_CONFIG_DIR</c> says otherwise.</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>Whether hidden prompts can be shown (a terminal on both ends).</summary>
    public bool CanPrompt { get; init; }

    /// <summary>Where HTTP requests go; null for the network. The handler is not disposed by the CLI.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Whether Ctrl+C and SIGTERM cancel the running command (the real process only).</summary>
    public bool HandlesProcessTermination { get; init; }

    public static CliEnvironment FromProcess()
    {
        var canPrompt = !System.Console.IsInputRedirected && !System.Console.IsOutputRedirected;
        return new CliEnvironment
        {
            Out = System.Console.Out,
            Error = System.Console.Error,
            In = System.Console.In,
            Console = CreateConsole(System.Console.Out, System.Console.IsOutputRedirected),
            ErrorConsole = CreateConsole(System.Console.Error, System.Console.IsErrorRedirected),
            GetVariable = Environment.GetEnvironmentVariable,
            HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            CanPrompt = canPrompt,
            HandlesProcessTermination = true,
        };
    }

    /// <summary>A console for a terminal, or plain text without wrapping for a pipe or a file (so scripts see whole lines).</summary>
    private static IAnsiConsole CreateConsole(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
