using Spectre.Console;

namespace Stratus.Cli.Commands.Infra;

/// <summary>Asks before a delete that takes more than one thing with it, unless <c>--yes</c>; scripts must pass it.</summary>
internal static class Confirmation
{
    /// <returns>Whether to go on; a <see cref="CliException"/> when there is no terminal to ask on.</returns>
    public static bool Confirm(CommandCall call, bool yes, string question, string what)
    {
        if (yes)
        {
            return true;
        }

        var environment = call.Context.Environment;
        if (!environment.CanPrompt)
        {
            throw new CliException($"Not deleting {what} without confirmation.", "Pass --yes to delete it without a prompt.");
        }

        if (environment.Console.Confirm(Markup.Escape(question), defaultValue: false))
        {
            return true;
        }

        call.Output.Info("Nothing deleted.");
        return false;
    }
}
