using System.CommandLine;
using System.Globalization;
using Spectre.Console.Rendering;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Infra;

/// <summary>
/// <c>stratus schedule list|create|show|update|delete --org &lt;org&gt; -w &lt;workspace&gt;</c>: Terrakube's workspace
/// schedules, a Quartz cron (UTC) that queues a job from a template at every firing.
/// </summary>
internal static class ScheduleCommands
{
    private static readonly string[] Headers = ["Id", "Cron (UTC)", "Template", "Enabled", "Next", "Last fired", "Last job", "Description"];

    public static Command Create(CliContext context) => new("schedule", "Manages a workspace's schedules: jobs queued by a Quartz cron (UTC).")
    {
        List(context),
        CreateSchedule(context),
        Show(context),
        Update(context),
        Delete(context),
    };

    private static Command List(CliContext context)
    {
        var scope = new WorkspaceScope();
        var command = new Command("list", "Lists a workspace's schedules with their next and last firings.");
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Client.ListAllAsync((c, limit, continuation, ct) => scope.In(call, c).Schedules.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct), page => page.Items, null, ct), $"No schedules in {scope.Describe(call)}.", Headers, Row));
        return command;
    }

    private static Command CreateSchedule(CliContext context)
    {
        var scope = new WorkspaceScope();
        var cron = new Option<string>("--cron") { Description = "When, in Quartz format (UTC): sec min hour day-of-month month day-of-week, such as '0 0 6 ? * MON-FRI'.", Required = true };
        var template = new Option<string>("--template", "-t") { Description = "The id of the template each firing runs.", Required = true };
        var description = new Option<string?>("--description", "-d") { Description = "What the schedule is for." };
        var disabled = new Option<bool>("--disabled") { Description = "Create it disabled." };
        var command = new Command("create", "Creates a schedule.") { cron, template, description, disabled };
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
        {
            var body = new ScheduleRequest { Cron = call.Get(cron), Template = call.Get(template), Description = call.Get(description), Enabled = !call.Get(disabled) };
            var created = await call.Client.Call((c, ct) => scope.In(call, c).Schedules.PostAsync(body, cancellationToken: ct), ct);
            var s = created.Value;
            InfraOutput.Changed(call, created, $"Created schedule {s.Id} in {scope.Describe(call)}: {s.Template} at '{s.Cron}'{(s.NextDueAt is { } next ? $", next {Cells.Time(next)}" : "")}.");
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var scope = new WorkspaceScope();
        var command = new Command("show", "Shows a schedule with its next firing and what its last firing did.");
        scope.AddTo(command);
        var id = Id(command);
        context.SetAction(command, async (call, ct) =>
            call.Output.Show(await call.Client.Call((c, ct) => scope.In(call, c).Schedules[call.Get(id)].GetAsync(cancellationToken: ct), ct), Render));
        return command;
    }

    private static Command Update(CliContext context)
    {
        var scope = new WorkspaceScope();
        var cron = new Option<string?>("--cron") { Description = "A new Quartz cron (UTC)." };
        var template = new Option<string?>("--template", "-t") { Description = "A new template id." };
        var description = new Option<string?>("--description", "-d") { Description = "A new description." };
        var enable = new Option<bool>("--enable") { Description = "Enable the schedule." };
        var disable = new Option<bool>("--disable") { Description = "Disable the schedule." };
        var command = new Command("update", "Changes a schedule; only the options given change.") { cron, template, description, enable, disable };
        scope.AddTo(command);
        var id = Id(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(enable) && result.GetValue(disable))
            {
                result.AddError("Give --enable or --disable, not both.");
            }
        });
        context.SetAction(command, async (call, ct) =>
        {
            bool? enabled = call.Get(enable) ? true : call.Get(disable) ? false : null;
            if (call.Get(cron) is null && call.Get(template) is null && call.Get(description) is null && enabled is null)
            {
                throw new CliException("Nothing to change.", "Give --cron, --template, --description, --enable or --disable.");
            }

            var body = new ScheduleRequest { Cron = call.Get(cron), Template = call.Get(template), Description = call.Get(description), Enabled = enabled };
            var updated = await call.Client.Call((c, ct) => scope.In(call, c).Schedules[call.Get(id)].PatchAsync(body, cancellationToken: ct), ct);
            InfraOutput.Changed(call, updated, $"Updated schedule {updated.Value.Id} in {scope.Describe(call)}.");
        });
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var scope = new WorkspaceScope();
        var command = new Command("delete", "Removes a schedule; the jobs it queued stay.");
        scope.AddTo(command);
        var id = Id(command);
        context.SetAction(command, async (call, ct) =>
        {
            await call.Client.Call((c, ct) => scope.In(call, c).Schedules[call.Get(id)].DeleteAsync(cancellationToken: ct), ct);
            call.Output.Success($"Deleted schedule {call.Get(id)} from {scope.Describe(call)}.");
        });
        return command;
    }

    private static Argument<string> Id(Command command)
    {
        var id = new Argument<string>("id") { Description = "The schedule's id." };
        command.Arguments.Add(id);
        return id;
    }

    private static string?[] Row(ScheduleResponse s) =>
    [
        s.Id, s.Cron, s.Template, s.Enabled == true ? "yes" : "no", Cells.Time(s.NextDueAt), Cells.Time(s.LastFiredAt),
        s.LastJobId?.ToString(CultureInfo.InvariantCulture) ?? Cells.Text(s.LastSkipReason), Cells.Text(s.Description),
    ];

    private static IRenderable Render(ScheduleResponse s) => InfraOutput.Settings(
    [
        ["Id", s.Id],
        ["Cron (UTC)", s.Cron],
        ["Template", s.Template],
        ["Enabled", s.Enabled == true ? "yes" : "no"],
        ["Next", Cells.Time(s.NextDueAt)],
        ["Last fired", Cells.Time(s.LastFiredAt)],
        ["Last job", s.LastJobId?.ToString(CultureInfo.InvariantCulture) ?? Cells.None],
        ["Last skipped", Cells.Text(s.LastSkipReason)],
        ["Description", Cells.Text(s.Description)],
    ]);
}
