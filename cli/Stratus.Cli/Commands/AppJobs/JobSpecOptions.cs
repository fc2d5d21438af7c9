using System.CommandLine;

namespace Stratus.Cli.Commands.AppJobs;

/// <summary>The options <c>app-job create</c> and <c>update</c> share (Tsuru's job flags), and the request body they make; unset options stay null.</summary>
internal sealed class JobSpecOptions
{
    public Option<string?> Image { get; } = new("--image", "-i") { Description = "The image to run, such as docker.io/library/busybox:1.36." };

    public Option<string?> App { get; } = new("--app", "-a") { Description = "Run this app's serving image instead of --image." };

    public Option<string?> Schedule { get; } = new("--schedule", "-s") { Description = "A cron schedule, five fields in UTC, such as \"0 3 * * *\", or @daily/@hourly." };

    public Option<bool> Manual { get; } = new("--manual", "-m") { Description = "Run only when triggered (no schedule)." };

    public Option<string?> Plan { get; } = new("--plan", "-p") { Description = "The plan: CPU and memory limits." };

    public Option<string?> Description { get; } = new("--description", "-d") { Description = "What the job does." };

    public Option<string[]> Tags { get; } = new("--tag", "-g") { Description = "A tag; repeat for more." };

    public Option<string?> ConcurrencyPolicy { get; } = new("--concurrency-policy") { Description = "Allow (default), Forbid (skip while a run is active) or Replace (stop it)." };

    public Option<long?> MaxRunningTime { get; } = new("--max-running-time") { Description = "The run's deadline in seconds (activeDeadlineSeconds; default 3600)." };

    public Option<int?> BackoffLimit { get; } = new("--backoff-limit") { Description = "How many times a failing container is retried (default 6)." };

    public Argument<string[]> Command { get; } = new("command") { Description = "The command (after '--'); it replaces the image's entrypoint.", Arity = ArgumentArity.ZeroOrMore, DefaultValueFactory = _ => [] };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Image, App, Schedule, Manual, Plan, Description, Tags, ConcurrencyPolicy, MaxRunningTime, BackoffLimit })
        {
            command.Options.Add(option);
        }

        command.Arguments.Add(Command);
    }

    public Dictionary<string, object?> Body(CommandCall call)
    {
        var command = call.Get(Command);
        var image = call.Get(Image);
        var app = call.Get(App);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["container"] = image is null && app is null && command is not { Length: > 0 } ? null : new { image, app, command = command is { Length: > 0 } ? command : null },
            ["schedule"] = call.Get(Schedule),
            ["manual"] = call.Get(Manual) ? true : null,
            ["plan"] = call.Get(Plan),
            ["description"] = call.Get(Description),
            ["tags"] = call.Get(Tags) is { Length: > 0 } tags ? tags : null,
            ["concurrencyPolicy"] = call.Get(ConcurrencyPolicy),
            ["activeDeadlineSeconds"] = call.Get(MaxRunningTime),
            ["backoffLimit"] = call.Get(BackoffLimit),
        };
    }
}
