using System.CommandLine;
using System.Globalization;
using Spectre.Console.Rendering;
using Stratus.Cli.Api;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands.Infra;

/// <summary>
/// <c>stratus collection … --org &lt;org&gt;</c>: variable collections (Terrakube's), their items (<c>collection item</c>) and
/// the workspaces they apply to (<c>collection reference</c>).
/// </summary>
internal static class CollectionCommands
{
    private static readonly string[] Headers = ["Name", "Priority", "Description", "Updated", "Updated by"];
    private static readonly string[] ReferenceHeaders = ["Workspace", "Workspace id", "Added", "Added by"];

    public static Command Create(CliContext context)
    {
        var items = new Command("item", "Manages a collection's variables.");
        foreach (var subcommand in new VariableCommandSet(context, () => new CollectionScope(), "items", "collection variable", "collection item").Commands())
        {
            items.Subcommands.Add(subcommand);
        }

        return new Command("collection", "Manages variable collections: variables shared by the workspaces that reference them.")
        {
            List(context),
            CreateCollection(context),
            Show(context),
            Update(context),
            Delete(context),
            items,
            new Command("reference", "Manages the workspaces a collection applies to.")
            {
                ListReferences(context),
                AddReference(context),
                RemoveReference(context),
            },
        };
    }

    private static Command List(CliContext context)
    {
        var scope = new OrganizationScope();
        var command = new Command("list", "Lists an organization's collections.");
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Api.ListAllAsync<CollectionInfo>(scope.Path(call, "collections"), ct), $"No collections in {scope.Describe(call)}.", Headers, Row));
        return command;
    }

    private static Command CreateCollection(CliContext context)
    {
        var scope = new OrganizationScope();
        var description = new Option<string?>("--description", "-d") { Description = "What the collection holds." };
        var priority = new Option<int?>("--priority", "-p") { Description = "Higher priorities win when collections define the same key (default 0)." };
        var command = new Command("create", "Creates a collection.");
        scope.AddTo(command);
        var name = Name(command);
        command.Options.Add(description);
        command.Options.Add(priority);
        context.SetAction(command, async (call, ct) =>
        {
            var created = await call.Api.PostAsync<CollectionInfo>(scope.Path(call, "collections"), new { name = call.Get(name), description = call.Get(description), priority = call.Get(priority) }, ct);
            InfraOutput.Changed(call, created, $"Created collection {created.Value.Name} (priority {created.Value.Priority.ToString(CultureInfo.InvariantCulture)}) in {scope.Describe(call)}.");
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var scope = new OrganizationScope();
        var command = new Command("show", "Shows a collection.");
        scope.AddTo(command);
        var name = Name(command);
        context.SetAction(command, async (call, ct) =>
            call.Output.Show(await call.Api.GetAsync<CollectionInfo>(scope.Path(call, "collections", call.Get(name)), ct), Render));
        return command;
    }

    private static Command Update(CliContext context)
    {
        var scope = new OrganizationScope();
        var description = new Option<string?>("--description", "-d") { Description = "A new description." };
        var priority = new Option<int?>("--priority", "-p") { Description = "A new priority." };
        var command = new Command("update", "Changes a collection's description or priority.");
        scope.AddTo(command);
        var name = Name(command);
        command.Options.Add(description);
        command.Options.Add(priority);
        context.SetAction(command, async (call, ct) =>
        {
            if (call.Get(description) is null && call.Get(priority) is null)
            {
                throw new CliException("Nothing to change.", "Give --description or --priority.");
            }

            var updated = await call.Api.PatchAsync<CollectionInfo>(scope.Path(call, "collections", call.Get(name)), new { description = call.Get(description), priority = call.Get(priority) }, ct);
            InfraOutput.Changed(call, updated, $"Updated collection {updated.Value.Name}.");
        });
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var scope = new OrganizationScope();
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking for confirmation." };
        var command = new Command("delete", "Deletes a collection with its variables and references.");
        scope.AddTo(command);
        var name = Name(command);
        command.Options.Add(yes);
        context.SetAction(command, async (call, ct) =>
        {
            var collection = call.Get(name);
            if (!Confirmation.Confirm(call, call.Get(yes), $"Delete collection {collection} with its variables?", $"collection {collection}"))
            {
                return 1;
            }

            await call.Api.DeleteAsync(scope.Path(call, "collections", collection), ct);
            call.Output.Success($"Deleted collection {collection}.");
            return 0;
        });
        return command;
    }

    private static Command ListReferences(CliContext context)
    {
        var scope = new CollectionScope();
        var command = new Command("list", "Lists the workspaces a collection applies to.");
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(
                await call.Api.ListAllAsync<CollectionReferenceInfo>(scope.Path(call, "references"), ct), $"No workspaces reference {scope.Describe(call)}.", ReferenceHeaders,
                r => [r.Workspace, r.WorkspaceId, Cells.Time(r.CreatedAt), r.CreatedBy]));
        return command;
    }

    private static Command AddReference(CliContext context)
    {
        var scope = new CollectionScope();
        var command = new Command("add", "Applies a collection to a workspace.");
        scope.AddTo(command);
        var workspace = WorkspaceName(command);
        context.SetAction(command, async (call, ct) =>
        {
            var added = await call.Api.SendAsync(HttpMethod.Put, scope.Path(call, "references", call.Get(workspace)), null, ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(added);
            }

            call.Output.Success($"Workspace {call.Get(workspace)} now gets the variables of {scope.Describe(call)}.");
        });
        return command;
    }

    private static Command RemoveReference(CliContext context)
    {
        var scope = new CollectionScope();
        var command = new Command("remove", "Stops applying a collection to a workspace.");
        scope.AddTo(command);
        var workspace = WorkspaceName(command);
        context.SetAction(command, async (call, ct) =>
        {
            await call.Api.DeleteAsync(scope.Path(call, "references", call.Get(workspace)), ct);
            call.Output.Success($"Workspace {call.Get(workspace)} no longer gets the variables of {scope.Describe(call)}.");
        });
        return command;
    }

    private static Argument<string> Name(Command command)
    {
        var name = new Argument<string>("name") { Description = "The collection's name." };
        command.Arguments.Add(name);
        return name;
    }

    private static Argument<string> WorkspaceName(Command command)
    {
        var workspace = new Argument<string>("workspace") { Description = "The workspace's name." };
        command.Arguments.Add(workspace);
        return workspace;
    }

    private static string?[] Row(CollectionInfo c) =>
        [c.Name, c.Priority.ToString(CultureInfo.InvariantCulture), Cells.Text(c.Description), Cells.Time(c.UpdatedAt), c.UpdatedBy];

    private static IRenderable Render(CollectionInfo c) => InfraOutput.Settings(
    [
        ["Name", c.Name],
        ["Priority", c.Priority.ToString(CultureInfo.InvariantCulture)],
        ["Description", Cells.Text(c.Description)],
        ["Updated", $"{Cells.Time(c.UpdatedAt)} by {c.UpdatedBy}"],
    ]);
}
