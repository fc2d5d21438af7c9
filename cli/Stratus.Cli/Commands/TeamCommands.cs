using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Cli.Api.Models;
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
            call.Output.ShowList(await call.Api.ListAllAsync<TeamInfo>(ApiPath.Of("teams"), ct), "No teams.", Headers, Row));
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
            var created = await call.Api.PostAsync<TeamInfo>(
                ApiPath.Of("teams"), new { name = call.Get(name), description = call.Get(description), groups = call.Get(groups) ?? [] }, ct);
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
            await call.Api.DeleteAsync(ApiPath.Of("teams", call.Get(name)), ct);
            call.Output.Success($"Removed team {call.Get(name)}.");
        });
        return command;
    }

    private static string?[] Row(TeamInfo t) =>
        [t.Name, Cells.Text(t.Description), Cells.List(t.Groups), Cells.Time(t.CreatedAt), t.CreatedBy];
}
