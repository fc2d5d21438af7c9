using System.CommandLine;
using System.Globalization;
using Stratus.Cli.Api;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Apps;

/// <summary>
/// <c>stratus app units &lt;app&gt;</c> lists what the runtime runs; <c>units add|remove &lt;app&gt; --units N</c> changes a
/// process's unit count by N (Tsuru's unit add/remove) and follows the rollout.
/// </summary>
internal static class AppUnitCommands
{
    public static readonly string[] Headers = ["Unit", "Process", "Version", "Status", "Ready", "Address"];

    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var command = new Command("units", "Lists an app's units as its runtime reports them.")
        {
            name,
            Change(context, "add", "Adds units to a process and rolls the app out with them.", remove: false),
            Change(context, "remove", "Removes units of a process (never below zero) and rolls the app out without them.", remove: true),
        };
        context.SetAction(command, async (call, ct) =>
        {
            var app = call.Get(name);
            var units = await call.Client.Call((c, ct) => c.Api.V1.Apps[app].Units.GetAsync(cancellationToken: ct), ct);
            call.Output.Show(units, u => u.Count == 0
                ? new Spectre.Console.Markup($"[grey]No units of {Spectre.Console.Markup.Escape(app)} run.[/]{Environment.NewLine}")
                : CliOutput.Table(Headers, u.Select(Row)));
        });
        return command;
    }

    public static string?[] Row(UnitResponse u) =>
        [u.Id, u.Process, "v" + (u.Version ?? 0).ToString(CultureInfo.InvariantCulture), u.Status, u.Ready == true ? "yes" : "no", Cells.Text(u.Address)];

    /// <summary>The app's units, or why they cannot be listed now (the runtime is down or unreachable): <c>app info</c> shows the rest anyway.</summary>
    public static async Task<(IReadOnlyList<UnitResponse>? Units, string? Problem)> TryListAsync(CommandCall call, string app, CancellationToken cancellationToken)
    {
        try
        {
            return ((await call.Client.Call((c, ct) => c.Api.V1.Apps[app].Units.GetAsync(cancellationToken: ct), cancellationToken)).Value ?? [], null);
        }
        catch (StratusApiException e) when (e.Status is >= 500)
        {
            return (null, e.Detail ?? e.Title);
        }
    }

    private static Command Change(CliContext context, string verb, string description, bool remove)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var process = new Option<string?>("--process", "-p") { Description = "The process (default: web, or the only one)." };
        var units = new Option<int>("--units", "-n") { Description = "How many units to add or remove.", Required = true };
        var wait = new Option<int?>("--wait", "-w") { Description = "If another operation holds the app, wait up to this many seconds for it (at most 300)." };
        var command = new Command(verb, description) { name, process, units, wait };
        command.Validators.Add(result =>
        {
            if (result.GetValue(units) < 1)
            {
                result.AddError("--units must be 1 or more.");
            }
        });
        context.SetAction(command, (call, ct) =>
        {
            var app = call.Get(name);
            var waitSeconds = call.Get(wait)?.ToString(CultureInfo.InvariantCulture);
            var count = call.Get(units);
            return remove
                ? AppOperation.RunAsync(call, HttpMethod.Delete, app, ApiPath.WithQuery(
                    ApiPath.Of("apps", app, "units"), ("process", call.Get(process)), ("units", count.ToString(CultureInfo.InvariantCulture)), ("wait", waitSeconds)), null, ct)
                : AppOperation.RunAsync(call, HttpMethod.Put, app, ApiPath.WithQuery(ApiPath.Of("apps", app, "units"), ("wait", waitSeconds)),
                    new { process = call.Get(process), units = count }, ct);
        });
        return command;
    }
}
