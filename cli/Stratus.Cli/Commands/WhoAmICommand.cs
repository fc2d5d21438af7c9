using System.CommandLine;
using Spectre.Console;
using Spectre.Console.Rendering;
using Stratus.Cli.Api;
using Stratus.Client.Models;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands;

/// <summary><c>stratus whoami</c>: the caller as the API sees it: principal, sign-in method, token, teams and grants.</summary>
internal static class WhoAmICommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("whoami", "Shows who you are signed in as, your teams and the grants that apply to you.");
        context.SetAction(command, async (call, ct) =>
        {
            var me = await call.Client.Call((c, ct) => c.Api.V1.Whoami.GetAsync(cancellationToken: ct), ct);
            call.Output.Show(me, value => Render(value, call.Client.BaseUrl));
        });
        return command;
    }

    private static Rows Render(WhoAmIResponse me, Uri server)
    {
        var facts = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        AddFact(facts, "Principal", me.Principal ?? Cells.None);
        AddFact(facts, "Method", me.Method ?? Cells.None);
        AddFact(facts, "Token", me.Token is { } token ? $"{token.Name} ({token.Id}), {Cells.Expiry(token.ExpiresAt)}" : Cells.None);
        AddFact(facts, "Teams", Cells.List(me.Teams));
        AddFact(facts, "Server", server.ToString());

        IRenderable grants = me.Grants is not { Count: > 0 } applying
            ? new Markup("[grey]No grants.[/]")
            : CliOutput.Table(["Role", "Scope", "Via", "Grant"], applying.Select(g => new[] { g.Role, g.Scope, g.Principal, g.Id }));
        return new Rows(new Panel(facts).Header("whoami").Border(BoxBorder.Rounded), grants);
    }

    private static void AddFact(Grid grid, string name, string value) =>
        grid.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value));
}
