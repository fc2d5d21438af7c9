using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Stratus.Cli.Api;
using Stratus.Cli.Commands.Apps;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Infra;

/// <summary>
/// <c>stratus job create|list|show|logs|approve|reject|cancel --org &lt;org&gt; -w &lt;workspace&gt;</c>: Terrakube's jobs.
/// <c>create --follow</c> and <c>logs --follow</c> print the steps' logs live and exit 0 only when the job completed
/// (or found nothing to change); 1 when it failed, was rejected or cancelled.
/// </summary>
internal static class JobCommands
{
    private static readonly string[] Headers = ["Id", "Status", "Template", "Via", "Created", "Created by", "Finished"];
    private static readonly string[] StepHeaders = ["Step", "Name", "Type", "Status", "Started", "Finished", "Reason"];

    public static Command Create(CliContext context)
    {
        var command = new Command("job", "Runs and inspects a workspace's jobs: a template's flows (plan, approval, apply …) run in order.")
        {
            CreateJob(context),
            List(context),
            Show(context),
            Logs(context),
            Decide(context, "approve", "Approves a job waiting for approval (members of its approval team)."),
            Decide(context, "reject", "Rejects a job waiting for approval (members of its approval team)."),
            Decide(context, "cancel", "Cancels a job in any state; a running terraform is stopped."),
        };
        command.Aliases.Add("jobs");
        return command;
    }

    private static Command CreateJob(CliContext context)
    {
        var scope = new WorkspaceScope();
        var template = new Option<string?>("--template", "-t") { Description = "The template's id, such as plan or plan-and-apply (default: the workspace's default template)." };
        var comments = new Option<string?>("--comments") { Description = "Why the job runs: kept with it." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Print the steps' logs live until the job ends; exit 1 unless it completed." };
        var noColor = NoColor();
        var command = new Command("create", "Queues a job from a template; it starts as soon as the workspace's earlier jobs are done.") { template, comments, follow, noColor };
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
        {
            var body = new CreateJobRequest { Template = call.Get(template), Comments = call.Get(comments) };
            var created = await call.Client.Call((c, ct) => scope.In(call, c).Jobs.PostAsync(body, cancellationToken: ct), ct);
            var job = created.Value;
            if (!call.Get(follow))
            {
                InfraOutput.Changed(call, created, $"Queued job {job.Id} ({job.Template}) in {scope.Describe(call)}: {job.Status}.");
                return 0;
            }

            call.Output.Info($"Queued job {job.Id} ({job.Template}) in {scope.Describe(call)}.");
            return await FollowAsync(call, scope, job.Id ?? 0, call.Get(noColor), ct);
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var scope = new WorkspaceScope();
        var limit = new Option<int?>("--limit", "-n") { Description = "How many of the newest jobs to show (default 50; 0 for all)." };
        var command = new Command("list", "Lists a workspace's jobs, newest first.") { limit };
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
        {
            var max = call.Get(limit) ?? 50;
            if (max < 0)
            {
                throw new CliException("--limit is a number of jobs, 0 (all) or more.");
            }

            call.Output.ShowList(await call.Client.ListAllAsync((c, size, continuation, ct) => scope.In(call, c).Jobs.GetAsync(r => { r.QueryParameters.Limit = size; r.QueryParameters.Continuation = continuation; }, ct), page => page.Items, max == 0 ? null : max, ct), $"No jobs in {scope.Describe(call)}.", Headers, Row);
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var scope = new WorkspaceScope();
        var command = new Command("show", "Shows a job with its steps.");
        scope.AddTo(command);
        var id = Id(command);
        context.SetAction(command, async (call, ct) =>
            call.Output.Show(await call.Client.Call((c, ct) => scope.In(call, c).Jobs[call.Get(id)].GetAsync(cancellationToken: ct), ct), Render));
        return command;
    }

    private static Command Logs(CliContext context)
    {
        var scope = new WorkspaceScope();
        var step = new Option<int?>("--step", "-s") { Description = "Only this step's log." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing as the steps run, until the job ends; exit 1 unless it completed." };
        var noColor = NoColor();
        var command = new Command("logs", "Prints a job's step logs; with --follow, live until the job ends.") { step, follow, noColor };
        command.Aliases.Add("log");
        scope.AddTo(command);
        var id = Id(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(follow) && result.GetValue(step) is not null)
            {
                result.AddError("--follow follows every step; leave out --step.");
            }
        });
        context.SetAction(command, async (call, ct) =>
        {
            if (call.Get(follow))
            {
                return await FollowAsync(call, scope, call.Get(id), call.Get(noColor), ct);
            }

            using var http = AppHttp.For(call);
            await new JobLog(call, http, scope, call.Get(noColor)).PrintAsync(call.Get(id), call.Get(step), ct);
            return 0;
        });
        return command;
    }

    private static Command Decide(CliContext context, string action, string description)
    {
        var scope = new WorkspaceScope();
        var command = new Command(action, description);
        scope.AddTo(command);
        var id = Id(command);
        context.SetAction(command, async (call, ct) =>
        {
            var job = await call.Client.Call((c, ct) => action switch
            {
                "approve" => scope.In(call, c).Jobs[call.Get(id)].Approve.PostAsync(cancellationToken: ct),
                "reject" => scope.In(call, c).Jobs[call.Get(id)].Reject.PostAsync(cancellationToken: ct),
                _ => scope.In(call, c).Jobs[call.Get(id)].Cancel.PostAsync(cancellationToken: ct),
            }, ct);
            var done = action switch { "approve" => "Approved", "reject" => "Rejected", _ => "Asked to cancel" };
            InfraOutput.Changed(call, job, $"{done} job {job.Value.Id} in {scope.Describe(call)}: {job.Value.Status}.");
        });
        return command;
    }

    /// <summary>Follows the job's logs to its end, prints its result, and returns the exit code its status calls for.</summary>
    private static async Task<int> FollowAsync(CommandCall call, WorkspaceScope scope, int jobId, bool noColor, CancellationToken cancellationToken)
    {
        using var http = AppHttp.For(call);
        var ended = await new JobLog(call, http, scope, noColor).FollowAsync(jobId, cancellationToken);
        if (call.Output.IsJson)
        {
            call.Output.Json(ended.Json);
        }

        var job = ended.Value;
        var code = JobStatuses.ExitCode(job.Status);
        if (code == 0)
        {
            call.Output.Success($"Job {job.Id} {job.Status}.");
        }
        else
        {
            call.Output.Error($"Job {job.Id} {job.Status}.", job.Reason);
        }

        return code;
    }

    private static Option<bool> NoColor() => new("--no-color") { Description = "Strip the logs' ANSI colours (asks the API for ?ansi=false)." };

    private static Argument<int> Id(Command command)
    {
        var id = new Argument<int>("id") { Description = "The job's number in its workspace." };
        command.Arguments.Add(id);
        return id;
    }

    private static string?[] Row(JobResponse j) =>
        [j.Id?.ToString(CultureInfo.InvariantCulture), j.Status, j.Template, j.Via, Cells.Time(j.CreatedAt), j.CreatedBy, Cells.Time(j.FinishedAt)];

    private static IRenderable Render(JobResponse j)
    {
        var settings = InfraOutput.Settings(
        [
            ["Job", $"{j.Id?.ToString(CultureInfo.InvariantCulture)} of {j.Organization}/{j.Workspace}"],
            ["Status", j.Status],
            ["Template", j.Template],
            ["Via", j.Via],
            ["Created", $"{Cells.Time(j.CreatedAt)} by {j.CreatedBy}"],
            ["Started", Cells.Time(j.StartedAt)],
            ["Finished", Cells.Time(j.FinishedAt)],
            ["Approval team", Cells.Text(j.ApprovalTeam)],
            ["Decided by", Cells.Text(j.DecidedBy)],
            ["Plan changes", j.PlanChanges is { } changes ? (changes ? "yes" : "no") : Cells.None],
            ["State version", j.StateVersion?.ToString(CultureInfo.InvariantCulture) ?? Cells.None],
            ["Reason", Cells.Text(j.Reason)],
        ]);
        var steps = j.Steps is { Count: > 0 } list
            ? CliOutput.Table(StepHeaders, list.OrderBy(s => s.Number).Select(s => new[]
            {
                s.Number?.ToString(CultureInfo.InvariantCulture), s.Name, s.Type, s.Status, Cells.Time(s.StartedAt), Cells.Time(s.FinishedAt), Cells.Text(s.Reason),
            }))
            : (IRenderable)new Markup($"[grey]No steps.[/]{Environment.NewLine}");
        return new Rows(settings, steps);
    }
}
