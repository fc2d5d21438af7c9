using System.CommandLine;
using Spectre.Console.Rendering;
using Stratus.Cli.Api;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Infra;

/// <summary><c>stratus organization list|create|show|update|delete</c>: Terrakube's organizations.</summary>
internal static class OrganizationCommands
{
    private static readonly string[] Headers = ["Name", "Description", "Created", "Created by"];

    public static Command Create(CliContext context)
    {
        var command = new Command("organization", "Manages organizations: they hold workspaces, templates, globals and collections.")
        {
            List(context),
            CreateOrganization(context),
            Show(context),
            Update(context),
            Delete(context),
        };
        command.Aliases.Add("org");
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Lists the organizations you may see.");
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Client.ListAllAsync((c, limit, continuation, ct) => c.Api.V1.Organizations.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct), page => page.Items, null, ct), "No organizations.", Headers, Row));
        return command;
    }

    private static Command CreateOrganization(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The name: lowercase letters, digits and dashes." };
        var description = new Option<string?>("--description", "-d") { Description = "What the organization is for." };
        var command = new Command("create", "Creates an organization with Terrakube's default templates.") { name, description };
        context.SetAction(command, async (call, ct) =>
        {
            var body = new OrganizationRequest { Name = call.Get(name), Description = call.Get(description) };
            var created = await call.Client.Call((c, ct) => c.Api.V1.Organizations.PostAsync(body, cancellationToken: ct), ct);
            InfraOutput.Changed(call, created, $"Created organization {created.Value.Name}.");
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The organization's name." };
        var command = new Command("show", "Shows an organization.") { name };
        context.SetAction(command, async (call, ct) =>
            call.Output.Show(await call.Client.Call((c, ct) => c.Api.V1.Organizations[call.Get(name)].GetAsync(cancellationToken: ct), ct), Render));
        return command;
    }

    private static Command Update(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The organization's name." };
        var description = new Option<string>("--description", "-d") { Description = "The new description.", Required = true };
        var command = new Command("update", "Changes an organization's description (organizations cannot be renamed).") { name, description };
        context.SetAction(command, async (call, ct) =>
        {
            var updated = await call.Client.Call((c, ct) => c.Api.V1.Organizations[call.Get(name)].PatchAsync(new OrganizationRequest { Description = call.Get(description) }, cancellationToken: ct), ct);
            InfraOutput.Changed(call, updated, $"Updated organization {updated.Value.Name}.");
        });
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The organization's name." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking for confirmation." };
        var command = new Command("delete", "Deletes an organization that holds no workspaces, with its templates, globals and collections.") { name, yes };
        context.SetAction(command, async (call, ct) =>
        {
            var organization = call.Get(name);
            if (!Confirmation.Confirm(call, call.Get(yes), $"Delete organization {organization}?", $"organization {organization}"))
            {
                return 1;
            }

            await call.Client.Call((c, ct) => c.Api.V1.Organizations[organization].DeleteAsync(cancellationToken: ct), ct);
            call.Output.Success($"Deleted organization {organization}.");
            return 0;
        });
        return command;
    }

    private static string?[] Row(OrganizationResponse o) => [o.Name, Cells.Text(o.Description), Cells.Time(o.CreatedAt), o.CreatedBy];

    private static IRenderable Render(OrganizationResponse o) => InfraOutput.Settings(
    [
        ["Name", o.Name],
        ["Description", Cells.Text(o.Description)],
        ["Created", Cells.Time(o.CreatedAt)],
        ["Created by", o.CreatedBy],
    ]);
}
