using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Client.Models;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands;

/// <summary><c>stratus team list|create|remove</c>, plus <c>member</c> and <c>token</c> subcommands.</summary>
internal static class TeamCommands
{
    private static readonly string[] Headers = ["Name", "Description", "Groups", "Created", "Created by"];

    public static Command Create(CliContext context) => new("team", "Manages teams, their members and their tokens.")
    {
        List(context),
        CreateTeam(context),
        Remove(context),
        TeamMemberCommands.Create(context),
        TeamTokenCommands.Create(context),
    };

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Lists teams.");
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Client.ListAllAsync((c, limit, continuation, ct) => c.Api.V1.Teams.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct), page => page.Items, null, ct), "No teams.", Headers, Row));
        return command;
    }

    private static Command CreateTeam(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The team name, such as payments." };
        var description = new Option<string?>("--description") { Description = "What the team is." };
        var groups = new Option<string[]>("--group", "-g") { Description = "An identity-provider group (Entra object id) whose members belong to the team; repeat for more." };
        var command = new Command("create", "Creates a team; you join it as its team admin.") { name, description, groups };
        context.SetAction(command, async (call, ct) =>
        {
            var body = new CreateTeamRequest { Name = call.Get(name), Description = call.Get(description), Groups = [.. call.Get(groups) ?? []] };
            var created = await call.Client.Call((c, ct) => c.Api.V1.Teams.PostAsync(body, cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(created.Json);
            }

            call.Output.Success($"Created team {created.Value.Name}.");
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The team name." };
        var command = new Command("remove", "Removes a team with its memberships, grants and tokens.") { name };
        context.SetAction(command, async (call, ct) =>
        {
            await call.Client.Call((c, ct) => c.Api.V1.Teams[call.Get(name)].DeleteAsync(cancellationToken: ct), ct);
            call.Output.Success($"Removed team {call.Get(name)}.");
        });
        return command;
    }

    private static string?[] Row(TeamResponse t) =>
        [t.Name, Cells.Text(t.Description), Cells.List(t.Groups), Cells.Time(t.CreatedAt), t.CreatedBy];
}
