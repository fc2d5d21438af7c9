using System.CommandLine;
using System.Net.Http.Headers;
using Spectre.Console.Rendering;
using Stratus.Cli.Api;
using Stratus.Cli.Commands.Apps;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Infra;

/// <summary>
/// <c>stratus workspace list|create|show|update|delete|upload|lock|unlock --org &lt;org&gt;</c>: Terrakube's workspaces.
/// A workspace runs a git source (<c>--source</c>) or an uploaded configuration (<c>upload</c>).
/// </summary>
internal static class WorkspaceCommands
{
    private static readonly string[] Headers = ["Name", "Source", "IaC", "Version", "Locked", "Last job", "Last job at"];

    public static Command Create(CliContext context)
    {
        var command = new Command("workspace", "Manages workspaces: a terraform configuration with its state, variables, jobs and schedules.")
        {
            List(context),
            CreateWorkspace(context),
            Show(context),
            Update(context),
            Delete(context),
            Upload(context),
            Lock(context),
            Unlock(context),
        };
        command.Aliases.Add("ws");
        return command;
    }

    private static Command List(CliContext context)
    {
        var scope = new OrganizationScope();
        var command = new Command("list", "Lists an organization's workspaces.");
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Client.ListAllAsync((c, limit, continuation, ct) => scope.In(call, c).Workspaces.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct), page => page.Items, null, ct), $"No workspaces in {scope.Describe(call)}.", Headers, Row));
        return command;
    }

    private static Command CreateWorkspace(CliContext context)
    {
        var scope = new OrganizationScope();
        var settings = new WorkspaceSettingOptions();
        var command = new Command("create", "Creates a workspace from a git source, or empty for 'stratus workspace upload'.");
        scope.AddTo(command);
        var name = Name(command);
        settings.AddTo(command);
        context.SetAction(command, async (call, ct) =>
        {
            var body = settings.Body(call);
            body.Name = call.Get(name);
            var created = await call.Client.Call((c, ct) => scope.In(call, c).Workspaces.PostAsync(body, cancellationToken: ct), ct);
            InfraOutput.Changed(call, created, $"Created workspace {created.Value.Organization}/{created.Value.Name} ({created.Value.Id}).");
            if (created.Value.SourceKind != "git")
            {
                call.Output.Info($"Upload its configuration with 'stratus workspace upload {created.Value.Name} <folder> --org {created.Value.Organization}'.");
            }
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var scope = new OrganizationScope();
        var command = new Command("show", "Shows a workspace's settings, source, lock and last job.");
        scope.AddTo(command);
        var name = Name(command);
        context.SetAction(command, async (call, ct) =>
            call.Output.Show(await call.Client.Call((c, ct) => scope.In(call, c).Workspaces[call.Get(name)].GetAsync(cancellationToken: ct), ct), Render));
        return command;
    }

    private static Command Update(CliContext context)
    {
        var scope = new OrganizationScope();
        var settings = new WorkspaceSettingOptions();
        var command = new Command("update", "Changes a workspace's settings; only the options given change.");
        scope.AddTo(command);
        var name = Name(command);
        settings.AddTo(command);
        context.SetAction(command, async (call, ct) =>
        {
            var body = settings.Body(call);
            if (WorkspaceSettingOptions.IsEmpty(body))
            {
                throw new CliException("Nothing to change.", "Give at least one of the options, such as --terraform-version or --source; see 'stratus workspace update --help'.");
            }

            var updated = await call.Client.Call((c, ct) => scope.In(call, c).Workspaces[call.Get(name)].PatchAsync(body, cancellationToken: ct), ct);
            InfraOutput.Changed(call, updated, $"Updated workspace {updated.Value.Organization}/{updated.Value.Name}.");
        });
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var scope = new OrganizationScope();
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking for confirmation." };
        var command = new Command("delete", "Deletes a workspace with its variables; its jobs and state history stay.");
        scope.AddTo(command);
        var name = Name(command);
        command.Options.Add(yes);
        context.SetAction(command, async (call, ct) =>
        {
            var workspace = $"{scope.Name(call)}/{call.Get(name)}";
            if (!Confirmation.Confirm(call, call.Get(yes), $"Delete workspace {workspace} and its variables?", $"workspace {workspace}"))
            {
                return 1;
            }

            await call.Client.Call((c, ct) => scope.In(call, c).Workspaces[call.Get(name)].DeleteAsync(cancellationToken: ct), ct);
            call.Output.Success($"Deleted workspace {workspace}.");
            return 0;
        });
        return command;
    }

    private static Command Upload(CliContext context)
    {
        var scope = new OrganizationScope();
        var command = new Command("upload", "Uploads a terraform configuration (a folder, packed here, or a .tar.gz); later jobs run it.");
        scope.AddTo(command);
        var name = Name(command);
        var path = new Argument<string>("path") { Description = "The configuration's folder (packed without .git and .terraform) or a .tar.gz of it." };
        command.Arguments.Add(path);
        context.SetAction(command, async (call, ct) =>
        {
            await using var archive = await WorkspaceSourceArchive.OpenAsync(call, call.Get(path), ct);
            using var content = new StreamContent(archive);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
            using var http = AppHttp.For(call);
            var json = await http.SendAsync(HttpMethod.Put, scope.Path(call, "workspaces", call.Get(name), "source"), content, ct);
            var updated = StratusApi.FromJson(json, WorkspaceResponse.CreateFromDiscriminatorValue);
            InfraOutput.Changed(call, updated, $"Uploaded the configuration of workspace {updated.Value.Organization}/{updated.Value.Name}; the next job runs it.");
        });
        return command;
    }

    private static Command Lock(CliContext context)
    {
        var scope = new OrganizationScope();
        var reason = new Option<string>("--reason", "-r") { Description = "Why it is locked, such as 'change freeze'.", Required = true };
        var command = new Command("lock", "Locks a workspace: its queued jobs wait and its schedules skip until it is unlocked.");
        scope.AddTo(command);
        var name = Name(command);
        command.Options.Add(reason);
        context.SetAction(command, async (call, ct) =>
        {
            var locked = await call.Client.Call((c, ct) => scope.In(call, c).Workspaces[call.Get(name)].Lock.PostAsync(new LockRequest { Reason = call.Get(reason) }, cancellationToken: ct), ct);
            InfraOutput.Changed(call, locked, $"Locked workspace {locked.Value.Organization}/{locked.Value.Name}: {locked.Value.LockReason}");
        });
        return command;
    }

    private static Command Unlock(CliContext context)
    {
        var scope = new OrganizationScope();
        var command = new Command("unlock", "Unlocks a workspace; its queued jobs start.");
        scope.AddTo(command);
        var name = Name(command);
        context.SetAction(command, async (call, ct) =>
        {
            var unlocked = await call.Client.Call((c, ct) => scope.In(call, c).Workspaces[call.Get(name)].Unlock.PostAsync(cancellationToken: ct), ct);
            InfraOutput.Changed(call, unlocked, $"Unlocked workspace {unlocked.Value.Organization}/{unlocked.Value.Name}.");
        });
        return command;
    }

    private static Argument<string> Name(Command command)
    {
        var name = new Argument<string>("name") { Description = "The workspace's name." };
        command.Arguments.Add(name);
        return name;
    }

    private static string?[] Row(WorkspaceResponse w) =>
        [w.Name, Source(w), w.IacType, Cells.Text(w.TerraformVersion), w.Locked == true ? "yes" : "no", Cells.Text(w.LastJobStatus), Cells.Time(w.LastJobAt)];

    private static string Source(WorkspaceResponse w) => w.SourceKind switch
    {
        "git" => $"{w.Source}@{w.Commit ?? w.Branch}",
        "upload" => "uploaded",
        _ => "none yet",
    } + (w.Folder is { Length: > 0 } folder ? $" ({folder})" : "");

    private static IRenderable Render(WorkspaceResponse w) => InfraOutput.Settings(
    [
        ["Name", $"{w.Organization}/{w.Name}"],
        ["Id", w.Id],
        ["Description", Cells.Text(w.Description)],
        ["Source", Source(w)],
        ["IaC", w.IacType],
        ["Version", Cells.Text(w.TerraformVersion)],
        ["Default template", Cells.Text(w.DefaultTemplate)],
        ["Execution mode", w.ExecutionMode],
        ["Tags", Cells.List(w.Tags)],
        ["Locked", w.Locked == true ? $"by {w.LockedBy} at {Cells.Time(w.LockedAt)}: {w.LockReason}" : "no"],
        ["Last job", w.LastJobStatus is null ? Cells.None : $"{w.LastJobStatus} at {Cells.Time(w.LastJobAt)}"],
        ["Created", $"{Cells.Time(w.CreatedAt)} by {w.CreatedBy}"],
    ]);
}
