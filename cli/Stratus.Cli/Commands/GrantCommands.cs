using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Cli.Api.Models;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands;

/// <summary><c>stratus grant list|add|revoke</c>: roles given to users, teams or tokens on a scope.</summary>
internal static class GrantCommands
{
    private static readonly string[] Headers = ["Id", "Principal", "Role", "Scope", "Created", "Created by"];

    public static Command Create(CliContext context) => new("grant", "Manages grants: a role for a user, team or token on a scope.")
    {
        List(context),
        Add(context),
        Revoke(context),
    };

    private static Command List(CliContext context)
    {
        var principal = new Option<string?>("--principal") { Description = "Only the grants of user:<name>, team:<name> or token:<id>." };
        var role = new Option<string?>("--role") { Description = "Only the grants of this role." };
        var command = new Command("list", "Lists grants.") { principal, role };
        context.SetAction(command, async (call, ct) =>
        {
            var path = ApiPath.WithQuery(ApiPath.Of("grants"), ("principal", call.Get(principal)), ("role", call.Get(role)));
            call.Output.ShowList(await call.Api.ListAllAsync<GrantInfo>(path, ct), "No grants.", Headers,
                g => [g.Id, g.Principal, g.Role, g.Scope, Cells.Time(g.CreatedAt), g.CreatedBy]);
        });
        return command;
    }

    private static Command Add(CliContext context)
    {
        var principal = new Argument<string>("principal") { Description = "Who gets the role: user:<name>, team:<name> or token:<id>." };
        var role = new Argument<string>("role") { Description = "The role name ('stratus role list')." };
        var scope = new Option<string>("--scope")
        {
            Description = "Where the role applies: global, organization:<org>, team:<team>, pool:<pool>, app:<app> or workspace:<org>/<workspace>.",
            DefaultValueFactory = _ => "global",
        };
        var command = new Command("add", "Grants a role to a principal on a scope (granting the same thing twice is one grant).") { principal, role, scope };
        context.SetAction(command, async (call, ct) =>
        {
            var grant = await call.Api.PostAsync<GrantInfo>(
                ApiPath.Of("grants"), new { principal = call.Get(principal), role = call.Get(role), scope = call.Get(scope) }, ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(grant.Json);
            }

            call.Output.Success($"Granted {grant.Value.Role} to {grant.Value.Principal} on {grant.Value.Scope} (grant {grant.Value.Id}).");
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The grant's id ('stratus grant list')." };
        var command = new Command("revoke", "Revokes a grant, effective at once.") { id };
        context.SetAction(command, async (call, ct) =>
        {
            await call.Api.DeleteAsync(ApiPath.Of("grants", call.Get(id)), ct);
            call.Output.Success($"Revoked grant {call.Get(id)}.");
        });
        return command;
    }
}
