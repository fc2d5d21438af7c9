using System.CommandLine;
using Stratus.Cli.Commands.AppJobs;
using Stratus.Cli.Commands.Apps;
using Stratus.Cli.Commands.Infra;
using Stratus.Cli.Commands.Registry;

namespace Stratus.Cli.Commands;

/// <summary>
/// The <c>stratus</c> command tree: one top-level command per area. Areas (apps, infrastructure) join by adding their
/// command here; each builds its subcommands through <see cref="CliContext"/>, which gives them output, errors and the API.
/// </summary>
internal static class CommandTree
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("stratus: the command line of the Stratus developer platform.")
        {
            context.OutputOption,
            LoginCommand.Create(context),
            LogoutCommand.Create(context),
            WhoAmICommand.Create(context),
            TokenCommands.Create(context),
            UserCommands.Create(context),
            TeamCommands.Create(context),
            RoleCommands.Create(context),
            PermissionCommands.Create(context),
            GrantCommands.Create(context),
            PoolCommands.Create(context),
            PlanCommands.Create(context),
            PlatformCommands.Create(context),
            AppCommands.Create(context),
            AppJobCommands.Create(context),
            OrganizationCommands.Create(context),
            WorkspaceCommands.Create(context),
            VariableCommands.Create(context),
            GlobalCommands.Create(context),
            CollectionCommands.Create(context),
            TemplateCommands.Create(context),
            JobCommands.Create(context),
            StateCommands.Create(context),
            ScheduleCommands.Create(context),
            ModuleCommands.Create(context),
            ProviderCommands.Create(context),
        };
        return root;
    }
}
