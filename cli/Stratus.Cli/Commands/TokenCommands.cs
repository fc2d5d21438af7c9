using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Client.Models;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands;

/// <summary><c>stratus token list|create|revoke</c>: your own personal tokens.</summary>
internal static class TokenCommands
{
    public static readonly string[] Headers = ["Id", "Name", "Kind", "Owner", "Created", "Expires", "Last used"];

    public static Command Create(CliContext context) => new("token", "Manages your personal API tokens.")
    {
        List(context),
        CreateToken(context),
        Revoke(context),
    };

    public static string?[] Row(TokenResponse t) =>
        [t.Id, t.Name, t.Kind, t.Owner, Cells.Time(t.CreatedAt), Cells.TimeOrNever(t.ExpiresAt), Cells.TimeOrNever(t.LastUsedAt)];

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Lists your personal tokens (never their secrets).");
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Client.ListArrayAsync((c, next, ct) => (next is null ? c.Api.V1.Tokens : c.Api.V1.Tokens.WithUrl(next)).GetAsync(cancellationToken: ct), ct), "No tokens.", Headers, Row));
        return command;
    }

    private static Command CreateToken(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "A name to recognise the token by, such as ci-deploys." };
        var expires = CommonOptions.ExpiresInDays();
        var command = new Command("create", "Creates a personal token and prints its secret, this once.") { name, expires };
        context.SetAction(command, async (call, ct) =>
        {
            var body = new CreateTokenRequest { Name = call.Get(name), ExpiresInDays = call.Get(expires) };
            var created = await call.Client.Call((c, ct) => c.Api.V1.Tokens.PostAsync(body, cancellationToken: ct), ct);
            CreatedTokenView.Show(context.Environment, call.Output, created);
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The token's id (from 'stratus token list')." };
        var command = new Command("revoke", "Revokes one of your personal tokens, effective at once.") { id };
        context.SetAction(command, async (call, ct) =>
        {
            await call.Client.Call((c, ct) => c.Api.V1.Tokens[call.Get(id)].DeleteAsync(cancellationToken: ct), ct);
            call.Output.Success($"Revoked token {call.Get(id)}.");
        });
        return command;
    }
}
