using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Client.Models;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands;

/// <summary><c>stratus team token list|create|revoke</c>: team tokens, which act with the team's grants.</summary>
internal static class TeamTokenCommands
{
    public static Command Create(CliContext context) => new("token", "Manages a team's API tokens.")
    {
        List(context),
        CreateToken(context),
        Revoke(context),
    };

    private static Command List(CliContext context)
    {
        var team = new Argument<string>("team") { Description = "The team name." };
        var command = new Command("list", "Lists a team's tokens (never their secrets).") { team };
        context.SetAction(command, async (call, ct) => call.Output.ShowList(
            await call.Client.ListArrayAsync((c, next, ct) => (next is null ? c.Api.V1.Teams[call.Get(team)].Tokens : c.Api.V1.Teams[call.Get(team)].Tokens.WithUrl(next)).GetAsync(cancellationToken: ct), ct), "No tokens.", TokenCommands.Headers, TokenCommands.Row));
        return command;
    }

    private static Command CreateToken(CliContext context)
    {
        var team = new Argument<string>("team") { Description = "The team name." };
        var name = new Argument<string>("name") { Description = "A name to recognise the token by, such as ci-deploys." };
        var expires = CommonOptions.ExpiresInDays();
        var command = new Command("create", "Creates a team token and prints its secret, this once.") { team, name, expires };
        context.SetAction(command, async (call, ct) =>
        {
            var body = new CreateTokenRequest { Name = call.Get(name), ExpiresInDays = call.Get(expires) };
            var created = await call.Client.Call((c, ct) => c.Api.V1.Teams[call.Get(team)].Tokens.PostAsync(body, cancellationToken: ct), ct);
            CreatedTokenView.Show(context.Environment, call.Output, created);
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var team = new Argument<string>("team") { Description = "The team name." };
        var id = new Argument<string>("id") { Description = "The token's id (from 'stratus team token list')." };
        var command = new Command("revoke", "Revokes a team token, effective at once.") { team, id };
        context.SetAction(command, async (call, ct) =>
        {
            await call.Client.Call((c, ct) => c.Api.V1.Teams[call.Get(team)].Tokens[call.Get(id)].DeleteAsync(cancellationToken: ct), ct);
            call.Output.Success($"Revoked token {call.Get(id)} of team {call.Get(team)}.");
        });
        return command;
    }
}
