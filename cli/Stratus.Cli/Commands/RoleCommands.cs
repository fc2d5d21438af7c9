using System.CommandLine;
using Spectre.Console;
using Stratus.Cli.Api;
using Stratus.Client.Models;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands;

/// <summary><c>stratus role list|show|create|remove</c>: built-in and custom roles.</summary>
internal static class RoleCommands
{
    private static readonly string[] Headers = ["Name", "Built-in", "Permissions", "Description"];

    public static Command Create(CliContext context) => new("role", "Manages roles: named sets of permissions.")
    {
        List(context),
        Show(context),
        CreateRole(context),
        Remove(context),
    };

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Lists built-in roles, then custom roles.");
        context.SetAction(command, async (call, ct) => call.Output.ShowList(
            await call.Client.ListArrayAsync((c, next, ct) => (next is null ? c.Api.V1.Roles : c.Api.V1.Roles.WithUrl(next)).GetAsync(cancellationToken: ct), ct), "No roles.", Headers,
            r => [r.Name, r.BuiltIn == true ? "yes" : "no", Cells.List(r.Permissions), Cells.Text(r.Description)]));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The role name." };
        var command = new Command("show", "Shows a role and its permissions.") { name };
        context.SetAction(command, async (call, ct) =>
        {
            var role = await call.Client.Call((c, ct) => c.Api.V1.Roles[call.Get(name)].GetAsync(cancellationToken: ct), ct);
            call.Output.Show(role, r => new Rows(
                new Text($"{r.Name}{(r.BuiltIn == true ? " (built-in)" : "")}", new Style(decoration: Decoration.Bold)),
                new Text(Cells.Text(r.Description)),
                CliOutput.Table(["Permission"], (r.Permissions ?? []).Select(p => new[] { p }))));
        });
        return command;
    }

    private static Command CreateRole(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The role name, such as deployer." };
        var permissions = new Option<string[]>("--permission", "-p")
        {
            Description = "A permission or wildcard (app.deploy, app.*); repeat for more. 'stratus permission list' lists them.",
            Required = true,
        };
        var description = new Option<string?>("--description") { Description = "What the role is for." };
        var command = new Command("create", "Creates a custom role.") { name, permissions, description };
        context.SetAction(command, async (call, ct) =>
        {
            var body = new RoleRequest { Name = call.Get(name), Description = call.Get(description), Permissions = [.. call.Get(permissions) ?? []] };
            var created = await call.Client.Call((c, ct) => c.Api.V1.Roles.PostAsync(body, cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(created.Json);
            }

            call.Output.Success($"Created role {created.Value.Name} with {Cells.List(created.Value.Permissions)}.");
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The role name." };
        var command = new Command("remove", "Removes a custom role that is no longer granted.") { name };
        context.SetAction(command, async (call, ct) =>
        {
            await call.Client.Call((c, ct) => c.Api.V1.Roles[call.Get(name)].DeleteAsync(cancellationToken: ct), ct);
            call.Output.Success($"Removed role {call.Get(name)}.");
        });
        return command;
    }
}
