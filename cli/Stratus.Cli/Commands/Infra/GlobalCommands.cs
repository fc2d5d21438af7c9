using System.CommandLine;

namespace Stratus.Cli.Commands.Infra;

/// <summary><c>stratus global … --org &lt;org&gt;</c>: an organization's global variables, which every workspace gets unless it sets its own.</summary>
internal static class GlobalCommands
{
    public static Command Create(CliContext context)
    {
        var command = new Command("global", "Manages an organization's global variables (workspace variables win over them).");
        foreach (var subcommand in new VariableCommandSet(context, () => new OrganizationScope(), "globals", "global variable", "global").Commands())
        {
            command.Subcommands.Add(subcommand);
        }

        return command;
    }
}
