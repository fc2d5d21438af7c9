using System.CommandLine;
using StratusApiClient = Stratus.Client.StratusApiClient;

namespace Stratus.Cli.Commands.Infra;

/// <summary><c>stratus global … --org &lt;org&gt;</c>: an organization's global variables, which every workspace gets unless it sets its own.</summary>
internal static class GlobalCommands
{
    public static Command Create(CliContext context)
    {
        var command = new Command("global", "Manages an organization's global variables (workspace variables win over them).");
        foreach (var subcommand in new VariableCommandSet<OrganizationScope>(context, () => new OrganizationScope(), Api, "global variable", "global").Commands())
        {
            command.Subcommands.Add(subcommand);
        }

        return command;
    }

    /// <summary>The calls for an organization's globals.</summary>
    private static VariableApi Api(OrganizationScope scope, CommandCall call, StratusApiClient client)
    {
        var globals = scope.In(call, client).Globals;
        return new(
            (limit, continuation, ct) => globals.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct),
            (body, ct) => globals.PostAsync(body, cancellationToken: ct),
            (id, ct) => globals[id].GetAsync(cancellationToken: ct),
            (id, body, ct) => globals[id].PatchAsync(body, cancellationToken: ct),
            (id, ct) => globals[id].DeleteAsync(cancellationToken: ct));
    }
}
