using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Client.Models;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands;

/// <summary><c>stratus permission list</c>: the permission catalog roles draw from.</summary>
internal static class PermissionCommands
{
    private static readonly string[] Headers = ["Permission", "Scopes", "Description"];

    public static Command Create(CliContext context)
    {
        var list = new Command("list", "Lists every permission, what it allows and the scopes it can be granted on.");
        context.SetAction(list, async (call, ct) => call.Output.ShowList(
            await call.Client.ListArrayAsync((c, next, ct) => (next is null ? c.Api.V1.Permissions : c.Api.V1.Permissions.WithUrl(next)).GetAsync(cancellationToken: ct), ct), "No permissions.", Headers,
            p => [p.Name, Cells.List(p.Scopes), Cells.Text(p.Description)]));
        return new Command("permission", "Shows the permission catalog.") { list };
    }
}
