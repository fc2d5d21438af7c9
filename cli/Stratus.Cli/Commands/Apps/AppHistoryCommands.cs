using System.CommandLine;
using System.Globalization;
using Stratus.Cli.Api;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Apps;

/// <summary><c>stratus app versions|deploys &lt;app&gt;</c>: the app's versions (the rollback targets) and its deploy history, newest first.</summary>
internal static class AppHistoryCommands
{
    private static readonly string[] VersionHeaders = ["Version", "Status", "Image", "Processes", "Created", "Created by", "Rollback"];
    private static readonly string[] DeployHeaders = ["Id", "Version", "Image", "User", "Origin", "Started", "Duration", "Result", "Can roll back"];

    public static Command Versions(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var command = new Command("versions", "Lists an app's versions, newest first, and whether each can be rolled back to.") { name };
        context.SetAction(command, async (call, ct) =>
        {
            var versions = await call.Client.Call((c, ct) => c.Api.V1.Apps[call.Get(name)].Versions.GetAsync(cancellationToken: ct), ct);
            call.Output.Show(versions, v => v.Count == 0
                ? new Spectre.Console.Markup($"[grey]No versions: the app was never deployed.[/]{Environment.NewLine}")
                : CliOutput.Table(VersionHeaders, v.Select(VersionRow)));
        });
        return command;
    }

    public static Command Deploys(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var limit = new Option<int?>("--limit", "-n") { Description = "How many deploys to show (the newest)." };
        var command = new Command("deploys", "Lists an app's deploys and rollbacks, newest first.") { name, limit };
        context.SetAction(command, async (call, ct) =>
        {
            var deploys = await call.Client.Call((c, ct) => c.Api.V1.Apps[call.Get(name)].Deploys.GetAsync(r => r.QueryParameters.Limit = call.Get(limit), ct), ct);
            call.Output.Show(deploys, d => d.Count == 0
                ? new Spectre.Console.Markup($"[grey]No deploys.[/]{Environment.NewLine}")
                : CliOutput.Table(DeployHeaders, d.Select(DeployRow)));
        });
        return command;
    }

    /// <summary>"12s", "3m 05s": how long an operation took.</summary>
    public static string Duration(double? seconds) => seconds switch
    {
        null => Cells.None,
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds.Value:0.#}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds.Value / 60)}m {(int)(seconds.Value % 60):00}s"),
    };

    private static string?[] VersionRow(AppVersionResponse v) =>
    [
        "v" + (v.Version ?? 0).ToString(CultureInfo.InvariantCulture),
        v.Status,
        Cells.Text(v.Image),
        Cells.List(v.Processes?.AdditionalData.Keys.Order(StringComparer.Ordinal)),
        Cells.Time(v.CreatedAt),
        v.CreatedBy,
        v.CanRollback == true ? "yes" : v.Disabled == true ? $"disabled: {v.DisabledReason}" : "no",
    ];

    private static string?[] DeployRow(DeployResponse d) =>
    [
        d.Id,
        d.Version is { } n ? "v" + n.ToString(CultureInfo.InvariantCulture) : Cells.None,
        Cells.Text(d.Image),
        d.User,
        d.Origin,
        Cells.Time(d.Timestamp),
        Duration(d.Duration),
        d.Error is { Length: > 0 } error ? $"error: {error}" : d.Duration is null ? "running" : "ok",
        d.CanRollback == true ? "yes" : "no",
    ];
}
