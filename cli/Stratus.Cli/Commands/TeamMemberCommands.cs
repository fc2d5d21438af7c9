using System.CommandLine;
using Spectre.Console;
using Stratus.Cli.Api;
using Stratus.Client.Models;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands;

/// <summary><c>stratus team member list|add|remove</c>: a team's local members.</summary>
internal static class TeamMemberCommands
{
    public static Command Create(CliContext context) => new("member", "Manages a team's members.")
    {
        List(context),
        Change(context, "add", "Adds a user to a team (no change if already a member).", remove: false),
        Change(context, "remove", "Removes a user from a team.", remove: true),
    };

    private static Command List(CliContext context)
    {
        var team = new Argument<string>("team") { Description = "The team name." };
        var command = new Command("list", "Lists a team's local members and identity-provider groups.") { team };
        context.SetAction(command, async (call, ct) =>
        {
            var members = await call.Client.Call((c, ct) => c.Api.V1.Teams[call.Get(team)].Members.GetAsync(cancellationToken: ct), ct);
            call.Output.Show(members, m => new Rows(
                m.Members is not { Count: > 0 } members ? new Markup("[grey]No local members.[/]") : CliOutput.Table(["Member"], members.Select(u => new[] { u })),
                new Text($"Groups: {Cells.List(m.Groups)}")));
        });
        return command;
    }

    private static Command Change(CliContext context, string verb, string description, bool remove)
    {
        var team = new Argument<string>("team") { Description = "The team name." };
        var user = new Argument<string>("user") { Description = "The user name." };
        var command = new Command(verb, description) { team, user };
        context.SetAction(command, async (call, ct) =>
        {
            if (remove)
            {
                await call.Client.Call((c, ct) => c.Api.V1.Teams[call.Get(team)].Members[call.Get(user)].DeleteAsync(cancellationToken: ct), ct);
                call.Output.Success($"Removed {call.Get(user)} from team {call.Get(team)}.");
            }
            else
            {
                await call.Client.Call((c, ct) => c.Api.V1.Teams[call.Get(team)].Members[call.Get(user)].PutAsync(cancellationToken: ct), ct);
                call.Output.Success($"Added {call.Get(user)} to team {call.Get(team)}.");
            }
        });
        return command;
    }
}
