using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Stratus.Cli.Api;
using Stratus.Cli.Commands.Apps;
using Stratus.Cli.Commands.Infra;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands.AppJobs;

/// <summary>
/// <c>stratus app-job create|list|info|update|remove|trigger|runs|log</c>: Tsuru's jobs (a container run on a cron
/// schedule or when triggered). <c>stratus job</c> is Terrakube's workspace jobs, hence the name. <c>trigger
/// --follow</c> and <c>log --follow</c> print the run's output live; <c>trigger --follow</c> exits 0 only when the run
/// succeeded.
/// </summary>
internal static class AppJobCommands
{
    private static readonly string[] Headers = ["Name", "Team", "Pool", "Schedule", "Image", "Next run"];
    private static readonly string[] RunHeaders = ["Run", "Trigger", "Status", "Exit", "Attempts", "Started", "Finished", "Error"];

    public static Command Create(CliContext context)
    {
        var command = new Command("app-job", "Manages app jobs (Tsuru's jobs): containers run to completion on a cron schedule or when triggered.")
        {
            List(context),
            CreateJob(context),
            Info(context),
            Update(context),
            Remove(context),
            Trigger(context),
            Runs(context),
            Log(context),
        };
        command.Aliases.Add("app-jobs");
        return command;
    }

    private static Command List(CliContext context)
    {
        var pool = new Option<string?>("--pool", "-p") { Description = "Only the jobs of this pool." };
        var team = new Option<string?>("--team", "-t") { Description = "Only the jobs of this team." };
        var command = new Command("list", "Lists the jobs you may see.") { pool, team };
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(
                await call.Api.ListAllAsync<AppJobInfo>(ApiPath.WithQuery(ApiPath.Of("jobs"), ("pool", call.Get(pool)), ("team", call.Get(team))), ct),
                "No jobs.", Headers,
                j => [j.Name, j.TeamOwner, j.Pool, Schedule(j), Image(j.Container), j.Manual ? "when triggered" : Cells.Time(j.NextDueAt)]));
        return command;
    }

    private static Command CreateJob(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The job name: lowercase letters, digits and dashes, unique across teams." };
        var spec = new JobSpecOptions();
        var team = new Option<string?>("--team", "-t") { Description = "The owning team (default: your team, when you are in one only)." };
        var pool = new Option<string?>("--pool") { Description = "The pool it runs in (default: the default pool)." };
        var command = new Command("create", "Creates a job: 'stratus app-job create nightly --image busybox --schedule \"0 3 * * *\" -- sh -c \"echo hi\"'.") { name, team, pool };
        spec.AddTo(command);
        context.SetAction(command, async (call, ct) =>
        {
            var body = spec.Body(call);
            body["name"] = call.Get(name);
            body["teamOwner"] = call.Get(team);
            body["pool"] = call.Get(pool);
            if (call.Get(spec.Schedule) is null && !call.Get(spec.Manual))
            {
                throw new CliException("A job runs on a schedule or when triggered.", "Give --schedule \"<cron>\" (five fields, UTC) or --manual.");
            }

            var created = await call.Api.PostAsync<AppJobInfo>(ApiPath.Of("jobs"), body, ct);
            var job = created.Value;
            InfraOutput.Changed(call, created, $"Created job {job.Name} for team {job.TeamOwner} in pool {job.Pool}: {Schedule(job)}.");
            return 0;
        });
        return command;
    }

    private static Command Update(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The job name." };
        var spec = new JobSpecOptions();
        var command = new Command("update", "Changes a job: a --schedule makes it scheduled, --manual makes it run only when triggered.") { name };
        spec.AddTo(command);
        context.SetAction(command, async (call, ct) =>
        {
            var body = spec.Body(call);
            if (body.Values.All(v => v is null))
            {
                throw new CliException("Nothing to change.", "Give --image, --app, --schedule, --manual, --plan, a command after '--', or another option.");
            }

            var json = await call.Api.SendAsync(HttpMethod.Put, ApiPath.Of("jobs", call.Get(name)), body, ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(json);
                return;
            }

            var job = System.Text.Json.JsonSerializer.Deserialize<AppJobInfo>(json, CliJson.Options)!;
            call.Output.Success($"Updated job {job.Name}: {Schedule(job)}, {Image(job.Container)}.");
        });
        return command;
    }

    private static Command Info(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The job name." };
        var command = new Command("info", "Shows a job's spec, its next run and its last runs.") { name };
        context.SetAction(command, async (call, ct) =>
        {
            var job = await call.Api.GetAsync<AppJobInfo>(ApiPath.Of("jobs", call.Get(name)), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(job.Json);
                return;
            }

            var runs = await call.Api.ListAllAsync<AppJobRunInfo>(ApiPath.Of("jobs", call.Get(name), "runs"), 5, ct);
            call.Output.Write(Render(job.Value, runs.Value));
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The job name." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Remove without asking for confirmation." };
        var command = new Command("remove", "Removes a job with its env and run history.") { name, yes };
        context.SetAction(command, async (call, ct) =>
        {
            var job = call.Get(name);
            if (!call.Get(yes))
            {
                var environment = call.Context.Environment;
                if (!environment.CanPrompt)
                {
                    throw new CliException($"Not removing job {job} without confirmation.", "Pass --yes to remove it without a prompt.");
                }

                if (!environment.Console.Confirm($"Remove job [bold]{Markup.Escape(job)}[/] and its runs?", defaultValue: false))
                {
                    call.Output.Info("Nothing removed.");
                    return 1;
                }
            }

            await call.Api.DeleteAsync(ApiPath.Of("jobs", job), ct);
            call.Output.Success($"Removed job {job}.");
            return 0;
        });
        return command;
    }

    private static Command Trigger(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The job name." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Print the run's output live until it ends; exit 1 unless it succeeded." };
        var command = new Command("trigger", "Starts a run of the job now.") { name, follow };
        context.SetAction(command, async (call, ct) =>
        {
            var job = call.Get(name);
            var started = await call.Api.PostAsync<AppJobRunInfo>(ApiPath.Of("jobs", job, "trigger"), null, ct);
            if (!call.Get(follow))
            {
                InfraOutput.Changed(call, started, $"Started run {started.Value.Id} of job {job}. Follow it with 'stratus app-job log {job} --run {started.Value.Id} -f'.");
                return 0;
            }

            call.Output.Info($"Started run {started.Value.Id} of job {job}.");
            await PrintLogAsync(call, ApiPath.Of("jobs", job, "runs", started.Value.Id, "log"), follow: true, ct);
            var ended = (await call.Api.GetAsync<AppJobRunInfo>(ApiPath.Of("jobs", job, "runs", started.Value.Id), ct)).Value;
            if (ended.Status == "succeeded")
            {
                call.Output.Success($"Run {ended.Id} succeeded.");
                return 0;
            }

            call.Output.Error($"Run {ended.Id} {ended.Status}.", ended.Error);
            return 1;
        });
        return command;
    }

    private static Command Runs(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The job name." };
        var limit = new Option<int?>("--limit", "-n") { Description = "How many of the newest runs to show (default 20; 0 for all)." };
        var command = new Command("runs", "Lists a job's runs, newest first, with their exit codes.") { name, limit };
        context.SetAction(command, async (call, ct) =>
        {
            var max = call.Get(limit) ?? 20;
            if (max < 0)
            {
                throw new CliException("--limit is a number of runs, 0 (all) or more.");
            }

            call.Output.ShowList(await call.Api.ListAllAsync<AppJobRunInfo>(ApiPath.Of("jobs", call.Get(name), "runs"), max == 0 ? null : max, ct), $"Job {call.Get(name)} has not run yet.", RunHeaders, RunRow);
        });
        return command;
    }

    private static Command Log(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The job name." };
        var run = new Option<string?>("--run", "-r") { Description = "The run's id (default: the latest run)." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing as the run writes, until it ends." };
        var command = new Command("log", "Prints a run's output (the latest run's by default); with --follow, live until it ends.") { name, run, follow };
        command.Aliases.Add("logs");
        context.SetAction(command, async (call, ct) =>
        {
            var path = call.Get(run) is { } id ? ApiPath.Of("jobs", call.Get(name), "runs", id, "log") : ApiPath.Of("jobs", call.Get(name), "log");
            await PrintLogAsync(call, path, call.Get(follow), ct);
        });
        return command;
    }

    private static async Task PrintLogAsync(CommandCall call, string path, bool follow, CancellationToken cancellationToken)
    {
        using var http = AppHttp.For(call);
        var output = call.Context.Environment.Out;
        await foreach (var line in http.ReadLinesAsync(ApiPath.WithQuery(path, ("follow", follow ? "true" : null)), cancellationToken))
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private static string Schedule(AppJobInfo j) => j.Manual ? "manual" : Cells.Text(j.Schedule);

    private static string Image(AppJobContainerInfo c) => c.App is { } app ? $"app {app}" : Cells.Text(c.Image);

    private static string?[] RunRow(AppJobRunInfo r) =>
    [
        r.Id, r.Trigger, r.Status, r.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? Cells.None, r.Attempts.ToString(CultureInfo.InvariantCulture),
        Cells.Time(r.StartedAt), Cells.Time(r.FinishedAt), Cells.Text(r.Error),
    ];

    private static IRenderable Render(AppJobInfo j, IReadOnlyList<AppJobRunInfo> runs)
    {
        var settings = InfraOutput.Settings(
        [
            ["Job", j.Name],
            ["Team", j.TeamOwner],
            ["Pool", j.Pool],
            ["Plan", j.Plan],
            ["Description", Cells.Text(j.Description)],
            ["Tags", Cells.List(j.Tags)],
            ["Image", Image(j.Container)],
            ["Command", j.Container.Command is { Count: > 0 } command ? string.Join(' ', command) : "(the image's own)"],
            ["Schedule", Schedule(j)],
            ["Next run", j.Manual ? "when triggered" : Cells.Time(j.NextDueAt)],
            ["Concurrency", j.ConcurrencyPolicy],
            ["Deadline", $"{j.ActiveDeadlineSeconds.ToString(CultureInfo.InvariantCulture)} s"],
            ["Backoff limit", j.BackoffLimit?.ToString(CultureInfo.InvariantCulture) ?? "6 (default)"],
            ["Created", $"{Cells.Time(j.CreatedAt)} by {j.CreatedBy}"],
        ]);
        var table = runs.Count > 0 ? CliOutput.Table(RunHeaders, runs.Select(RunRow)) : (IRenderable)new Markup($"[grey]No runs yet.[/]{Environment.NewLine}");
        return new Rows(settings, table);
    }
}
