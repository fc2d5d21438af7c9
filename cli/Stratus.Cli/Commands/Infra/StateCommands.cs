using System.CommandLine;
using System.Globalization;
using Stratus.Cli.Api;
using Stratus.Cli.Commands.Apps;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Infra;

/// <summary>
/// <c>stratus state versions|pull|rollback --org &lt;org&gt; -w &lt;workspace&gt;</c>: a workspace's terraform state history,
/// a state file downloaded (the current one or a version), and a rollback that makes an old version current again
/// (as a new version, so nothing is lost).
/// </summary>
internal static class StateCommands
{
    private static readonly string[] Headers = ["Version", "Current", "Serial", "Size", "Source", "Created", "Created by", "Terraform"];

    public static Command Create(CliContext context) => new("state", "Reads a workspace's terraform state and its history, and rolls it back.")
    {
        Versions(context),
        Pull(context),
        Rollback(context),
        Lock(context),
        ForceUnlock(context),
    };

    private static Command Versions(CliContext context)
    {
        var scope = new WorkspaceScope();
        var limit = new Option<int?>("--limit", "-n") { Description = "How many of the newest versions to show (default 50; 0 for all)." };
        var command = new Command("versions", "Lists the state's versions, newest first.") { limit };
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
        {
            var max = call.Get(limit) ?? 50;
            if (max < 0)
            {
                throw new CliException("--limit is a number of versions, 0 (all) or more.");
            }

            call.Output.ShowList(await call.Client.ListAllAsync((c, size, continuation, ct) => scope.In(call, c).State.Versions.GetAsync(r => { r.QueryParameters.Limit = size; r.QueryParameters.Continuation = continuation; }, ct), page => page.Items, max == 0 ? null : max, ct), $"{scope.Describe(call)} has no state yet.", Headers, Row);
        });
        return command;
    }

    private static Command Pull(CliContext context)
    {
        var scope = new WorkspaceScope();
        var version = new Option<long?>("--version", "-v") { Description = "A version number (default: the current state)." };
        var file = new Option<string?>("--file", "-f") { Description = "Write the state to this file instead of standard output." };
        var command = new Command("pull", "Downloads the current state, or a version of it, as terraform's JSON.") { version, file };
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
        {
            var path = call.Get(version) is { } number
                ? scope.Path(call, "state", "versions", number.ToString(CultureInfo.InvariantCulture), "content")
                : scope.Path(call, "state");
            using var http = AppHttp.For(call);
            using var response = await http.GetAsync(path, "application/json", ct);
            if (call.Get(file) is { } target)
            {
                await using (var stream = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                {
                    await response.Content.CopyToAsync(stream, ct);
                }

                call.Output.Success($"Wrote the state of {scope.Describe(call)}{(call.Get(version) is { } v ? $" (version {v.ToString(CultureInfo.InvariantCulture)})" : "")} to {target}.");
                return;
            }

            // The state is terraform's own JSON: written as it is, whatever --output says.
            var output = call.Context.Environment.Out;
            output.Write(await response.Content.ReadAsStringAsync(ct));
            output.Flush();
        });
        return command;
    }

    private static Command Rollback(CliContext context)
    {
        var scope = new WorkspaceScope();
        var version = new Argument<long>("version") { Description = "The version to make current again." };
        var lockId = new Option<string?>("--lock-id") { Description = "The ID of the state lock you hold, when the state is locked by you." };
        var command = new Command("rollback", "Makes an old state version current again, as a new version.") { version, lockId };
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
        {
            var number = call.Get(version).ToString(CultureInfo.InvariantCulture);
            var created = await call.Client.Call((c, ct) => scope.In(call, c).State.Versions[number].Rollback.PostAsync(r => r.QueryParameters.ID = call.Get(lockId), ct), ct);
            InfraOutput.Changed(call, created, string.Create(CultureInfo.InvariantCulture,
                $"Rolled {scope.Describe(call)} back to version {call.Get(version)}: version {created.Value.Version} (serial {created.Value.Serial}) is now current."));
        });
        return command;
    }

    private static Command Lock(CliContext context)
    {
        var scope = new WorkspaceScope();
        var command = new Command("lock", "Shows who holds the state lock; exit 1 when the state is not locked.");
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
            call.Output.Show(await call.Client.Call((c, ct) => scope.In(call, c).State.Lock.GetAsync(cancellationToken: ct), ct), held => InfraOutput.Settings(
            [
                ["ID", held.ID],
                ["Operation", Cells.Text(held.Operation)],
                ["Who", Cells.Text(held.Who)],
                ["Locked by", Cells.Text(held.LockedBy)],
                ["Locked at", Cells.Time(held.LockedAt)],
                ["Terraform", Cells.Text(held.Version)],
            ])));
        return command;
    }

    private static Command ForceUnlock(CliContext context)
    {
        var scope = new WorkspaceScope();
        var command = new Command("force-unlock", "Releases the state lock whoever holds it, as 'terraform force-unlock' does (for a run that died holding it).");
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
        {
            var released = await call.Client.Call((c, ct) => scope.In(call, c).State.Lock.DeleteAsync(cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(released.Json);
            }

            call.Output.Success($"Released the state lock of {scope.Describe(call)}.");
        });
        return command;
    }

    private static string?[] Row(StateVersionResponse v) =>
    [
        v.Version?.ToString(CultureInfo.InvariantCulture),
        v.Current == true ? "yes" : "",
        v.Serial?.ToString(CultureInfo.InvariantCulture),
        v.Size?.ToString(CultureInfo.InvariantCulture),
        Source(v),
        Cells.Time(v.CreatedAt),
        v.CreatedBy,
        Cells.Text(v.TerraformVersion),
    ];

    private static string? Source(StateVersionResponse v) => v.Source switch
    {
        "job" when v.JobId is not null => $"job {v.JobId}",
        "rollback" when v.RolledBackFrom is { } from => $"rollback to {from.ToString(CultureInfo.InvariantCulture)}",
        _ => v.Source,
    };
}
