using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Client.Models;
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
            var grants = await call.Client.ListAllAsync(
                (c, limit, continuation, ct) => c.Api.V1.Grants.GetAsync(
                    r =>
                    {
                        r.QueryParameters.Principal = call.Get(principal);
                        r.QueryParameters.Role = call.Get(role);
                        r.QueryParameters.Limit = limit;
                        r.QueryParameters.Continuation = continuation;
                    }, ct),
                page => page.Items, null, ct);
            call.Output.ShowList(grants, "No grants.", Headers,
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
            var body = new CreateGrantRequest { Principal = call.Get(principal), Role = call.Get(role), Scope = call.Get(scope) };
            var grant = await call.Client.Call((c, ct) => c.Api.V1.Grants.PostAsync(body, cancellationToken: ct), ct);
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
            await call.Client.Call((c, ct) => c.Api.V1.Grants[call.Get(id)].DeleteAsync(cancellationToken: ct), ct);
            call.Output.Success($"Revoked grant {call.Get(id)}.");
        });
        return command;
    }
}
