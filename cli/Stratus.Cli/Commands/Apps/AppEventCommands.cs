using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Stratus.Cli.Api;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Apps;

/// <summary>
/// <c>stratus app events &lt;app&gt;</c> lists the app's operations, newest first; <c>stratus app event info|log|cancel
/// &lt;app&gt; &lt;id&gt;</c> shows one, prints (or follows) its log, or asks a running deploy to stop.
/// </summary>
internal static class AppEventCommands
{
    private static readonly string[] Headers = ["Id", "Kind", "Owner", "Started", "Duration", "Status", "Error"];

    public static Command List(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var kind = new Option<string[]>("--kind", "-k") { Description = "Only events of this kind, such as app.deploy; repeat for more." };
        var running = new Option<bool>("--running") { Description = "Only the events still running." };
        var errors = new Option<bool>("--errors") { Description = "Only the events that failed." };
        var limit = new Option<int?>("--limit", "-n") { Description = "How many events to show (the newest)." };
        var command = new Command("events", "Lists an app's operations (deploys, restarts, env changes…), newest first.") { name, kind, running, errors, limit };
        context.SetAction(command, async (call, ct) =>
        {
            var events = await call.Client.Call((c, ct) => c.Api.V1.Apps[call.Get(name)].Events.GetAsync(r =>
            {
                r.QueryParameters.Kind = call.Get(kind) is { Length: > 0 } kinds ? kinds : null;
                r.QueryParameters.Running = call.Get(running) ? true : null;
                r.QueryParameters.ErrorOnly = call.Get(errors) ? true : null;
                r.QueryParameters.Limit = call.Get(limit);
            }, ct), ct);
            call.Output.Show(events, e => e.Count == 0
                ? new Markup($"[grey]No events.[/]{Environment.NewLine}")
                : CliOutput.Table(Headers, e.Select(Row)));
        });
        return command;
    }

    public static Command Event(CliContext context) => new("event", "Shows, follows or cancels one of an app's operations.")
    {
        Info(context),
        Log(context),
        Cancel(context),
    };

    private static Command Info(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var id = new Argument<string>("id") { Description = "The event id ('stratus app events' lists them)." };
        var command = new Command("info", "Shows one of an app's events.") { name, id };
        context.SetAction(command, async (call, ct) =>
        {
            var found = await call.Client.Call((c, ct) => c.Api.V1.Apps[call.Get(name)].Events[call.Get(id)].GetAsync(cancellationToken: ct), ct);
            call.Output.Show(found, e => CliOutput.Table(["Field", "Value"],
            [
                ["Id", e.Id],
                ["Kind", e.Kind],
                ["Owner", e.Owner],
                ["Started", Cells.Time(e.StartedAt)],
                ["Ended", Cells.Time(e.EndedAt)],
                ["Duration", Duration(e)],
                ["Status", e.Status],
                ["Error", Cells.Text(e.Error)],
                ["Cancelable", e.Cancelable == true ? "yes" : "no"],
            ]));
        });
        return command;
    }

    private static Command Log(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var id = new Argument<string>("id") { Description = "The event id." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until the event ends." };
        var command = new Command("log", "Prints an event's log; with -f, follows it until the event ends.") { name, id, follow };
        context.SetAction(command, async (call, ct) =>
        {
            using var http = AppHttp.For(call);
            var output = call.Context.Environment.Out;
            await foreach (var line in http.ReadLinesAsync(AppOperation.LogPath(call.Get(name), call.Get(id), call.Get(follow)), ct))
            {
                output.WriteLine(line);
                output.Flush();
            }
        });
        return command;
    }

    private static Command Cancel(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var id = new Argument<string>("id") { Description = "The event id of the running operation." };
        var reason = new Option<string>("--reason", "-r")
        {
            Description = "Why: kept on the event for whoever looks at it later.",
            DefaultValueFactory = _ => "cancelled with stratus app event cancel",
        };
        var command = new Command("cancel", "Asks a running deploy to stop (possible until its build is done).") { name, id, reason };
        context.SetAction(command, async (call, ct) =>
        {
            var app = call.Get(name);
            var asked = await call.Client.Call((c, ct) => c.Api.V1.Apps[app].Events[call.Get(id)].Cancel.PostAsync(new EventCancelRequest { Reason = call.Get(reason) }, cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(asked.Json);
            }

            call.Output.Success($"Asked event {asked.Value.Id} ({asked.Value.Kind}) of {app} to stop; 'stratus app event log {app} {asked.Value.Id} -f' shows when it does.");
        });
        return command;
    }

    private static string?[] Row(AppEventResponse e) =>
        [e.Id, e.Kind, e.Owner, Cells.Time(e.StartedAt), Duration(e), e.Status, Cells.Text(e.Error)];

    private static string Duration(AppEventResponse e) =>
        e is { EndedAt: { } ended, StartedAt: { } started } ? AppHistoryCommands.Duration((ended - started).TotalSeconds) : Cells.None;
}
