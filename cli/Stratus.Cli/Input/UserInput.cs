using Spectre.Console;

namespace Stratus.Cli.Input;

/// <summary>Reads what a command needs from the user: a line of standard input, or a prompt on the terminal.</summary>
internal static class UserInput
{
    /// <summary>The first line of standard input, without its line ending; a <see cref="CliException"/> when there is none.</summary>
    public static string ReadLine(CliEnvironment environment, string what)
    {
        var line = environment.In.ReadLine()?.TrimEnd('\r', '\n');
        return string.IsNullOrEmpty(line) ? throw new CliException($"No {what} on standard input.", $"Pipe the {what} in, for example: printf '%s' \"$SECRET\" | stratus …") : line;
    }

    /// <summary>A prompt for <paramref name="label"/>; hidden when <paramref name="secret"/>.</summary>
    public static string Prompt(CliEnvironment environment, string label, bool secret, string whenNoTerminal)
    {
        if (!environment.CanPrompt)
        {
            throw new CliException($"Cannot prompt for the {label.ToLowerInvariant()}: there is no terminal.", whenNoTerminal);
        }

        var prompt = new TextPrompt<string>($"{Markup.Escape(label)}:");
        return environment.Console.Prompt(secret ? prompt.Secret() : prompt);
    }
}
