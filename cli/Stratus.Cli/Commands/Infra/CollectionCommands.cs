using System.CommandLine;
using System.Globalization;
using Spectre.Console.Rendering;
using Stratus.Cli.Output;
using Stratus.Client.Models;
using StratusApiClient = Stratus.Client.StratusApiClient;

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
        foreach (var subcommand in new VariableCommandSet<CollectionScope>(context, () => new CollectionScope(), ItemApi, "collection variable", "collection item").Commands())
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
            call.Output.ShowList(await call.Client.ListAllAsync((c, limit, continuation, ct) => scope.In(call, c).Collections.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct), page => page.Items, null, ct), $"No collections in {scope.Describe(call)}.", Headers, Row));
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
            var created = await call.Client.Call((c, ct) => scope.In(call, c).Collections.PostAsync(new CollectionRequest { Name = call.Get(name), Description = call.Get(description), Priority = call.Get(priority) }, cancellationToken: ct), ct);
            InfraOutput.Changed(call, created, $"Created collection {created.Value.Name} (priority {Priority(created.Value)}) in {scope.Describe(call)}.");
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
            call.Output.Show(await call.Client.Call((c, ct) => scope.In(call, c).Collections[call.Get(name)].GetAsync(cancellationToken: ct), ct), Render));
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

            var updated = await call.Client.Call((c, ct) => scope.In(call, c).Collections[call.Get(name)].PatchAsync(new CollectionRequest { Description = call.Get(description), Priority = call.Get(priority) }, cancellationToken: ct), ct);
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

            await call.Client.Call((c, ct) => scope.In(call, c).Collections[collection].DeleteAsync(cancellationToken: ct), ct);
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
                await call.Client.ListArrayAsync((c, next, ct) => (next is null ? scope.In(call, c).References : scope.In(call, c).References.WithUrl(next)).GetAsync(cancellationToken: ct), ct), $"No workspaces reference {scope.Describe(call)}.", ReferenceHeaders,
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
            var added = await call.Client.Call((c, ct) => scope.In(call, c).References[call.Get(workspace)].PutAsync(cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(added.Json);
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
            await call.Client.Call((c, ct) => scope.In(call, c).References[call.Get(workspace)].DeleteAsync(cancellationToken: ct), ct);
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

    /// <summary>The calls for a collection's items.</summary>
    private static VariableApi ItemApi(CollectionScope scope, CommandCall call, StratusApiClient client)
    {
        var items = scope.In(call, client).Items;
        return new(
            (limit, continuation, ct) => items.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct),
            (body, ct) => items.PostAsync(body, cancellationToken: ct),
            (id, ct) => items[id].GetAsync(cancellationToken: ct),
            (id, body, ct) => items[id].PatchAsync(body, cancellationToken: ct),
            (id, ct) => items[id].DeleteAsync(cancellationToken: ct));
    }

    private static string Priority(CollectionResponse c) => (c.Priority ?? 0).ToString(CultureInfo.InvariantCulture);

    private static string?[] Row(CollectionResponse c) =>
        [c.Name, Priority(c), Cells.Text(c.Description), Cells.Time(c.UpdatedAt), c.UpdatedBy];

    private static IRenderable Render(CollectionResponse c) => InfraOutput.Settings(
    [
        ["Name", c.Name],
        ["Priority", Priority(c)],
        ["Description", Cells.Text(c.Description)],
        ["Updated", $"{Cells.Time(c.UpdatedAt)} by {c.UpdatedBy}"],
    ]);
}
