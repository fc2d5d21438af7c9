using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Stratus.Cli.Api;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands.Apps;

/// <summary>
/// <c>stratus app …</c>: create, list, info and remove, and the subcommands that deploy and run apps (see the other
/// <c>App*Commands</c>). Operations that change what runs follow their event's log to the end.
/// </summary>
internal static class AppCommands
{
    private static readonly string[] Headers = ["Name", "Team", "Pool", "Platform", "Plan", "Version", "Units", "Address"];

    public static Command Create(CliContext context) => new("app", "Manages apps: create, deploy, run and inspect them.")
    {
        List(context),
        CreateApp(context),
        Info(context),
        Update(context),
        Remove(context),
        AppDeployCommand.Create(context),
        AppRollbackCommands.Create(context),
        AppProcessCommands.Start(context),
        AppProcessCommands.Stop(context),
        AppProcessCommands.Restart(context),
        AppUnitCommands.Create(context),
        AppEnvCommands.Create(context),
        AppCnameCommands.Create(context),
        AppCertificateCommands.Create(context),
        AppLogCommand.Create(context),
        AppEventCommands.List(context),
        AppEventCommands.Event(context),
        AppHistoryCommands.Versions(context),
        AppHistoryCommands.Deploys(context),
    };

    private static Command List(CliContext context)
    {
        var pool = new Option<string?>("--pool", "-p") { Description = "Only the apps of this pool." };
        var team = new Option<string?>("--team", "-t") { Description = "Only the apps of this team." };
        var command = new Command("list", "Lists the apps you may see.") { pool, team };
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(
                await call.Api.ListAllAsync<AppInfo>(ApiPath.WithQuery(ApiPath.Of("apps"), ("pool", call.Get(pool)), ("team", call.Get(team))), ct),
                "No apps.", Headers,
                a => [a.Name, a.TeamOwner, a.Pool, Cells.Text(a.Platform), a.Plan, Version(a.Version), Units(a), Cells.Text(a.Address)]));
        return command;
    }

    private static Command CreateApp(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name: lowercase letters, digits and dashes, unique across teams." };
        var platform = new Option<string?>("--platform", "-l") { Description = "The platform source deploys build on, such as static." };
        var team = new Option<string?>("--team", "-t") { Description = "The owning team (default: your team, when you are in one only)." };
        var pool = new Option<string?>("--pool") { Description = "The pool it runs in (default: the default pool)." };
        var plan = new Option<string?>("--plan", "-p") { Description = "The plan: CPU and memory per unit (default: the default plan)." };
        var description = new Option<string?>("--description", "-d") { Description = "What the app is." };
        var tags = new Option<string[]>("--tag", "-g") { Description = "A tag; repeat for more." };
        var command = new Command("create", "Creates an app (nothing runs until its first deploy).") { name, platform, team, pool, plan, description, tags };
        context.SetAction(command, async (call, ct) =>
        {
            var created = await call.Api.PostAsync<AppInfo>(ApiPath.Of("apps"), new
            {
                name = call.Get(name),
                platform = call.Get(platform),
                teamOwner = call.Get(team),
                pool = call.Get(pool),
                plan = call.Get(plan),
                description = call.Get(description),
                tags = call.Get(tags) is { Length: > 0 } given ? given : null,
            }, ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(created.Json);
            }

            var app = created.Value;
            call.Output.Success($"Created app {app.Name} for team {app.TeamOwner} in pool {app.Pool} (plan {app.Plan}{(app.Platform is null ? "" : $", platform {app.Platform}")}).");
            call.Output.Info($"Deploy it with 'stratus app deploy {app.Name} <folder>'.");
        });
        return command;
    }

    private static Command Info(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var command = new Command("info", "Shows an app's settings, serving version, address and units.") { name };
        context.SetAction(command, async (call, ct) =>
        {
            var app = await call.Api.GetAsync<AppInfo>(ApiPath.Of("apps", call.Get(name)), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(app.Json);
                return;
            }

            var (units, unitsProblem) = await AppUnitCommands.TryListAsync(call, app.Value.Name, ct);
            call.Output.Write(Render(app.Value, units, unitsProblem));
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Remove without asking for confirmation." };
        var command = new Command("remove", "Removes an app with its units, routes, versions, env and history, and follows the removal.") { name, yes };
        context.SetAction(command, async (call, ct) =>
        {
            var app = call.Get(name);
            if (!call.Get(yes))
            {
                var environment = call.Context.Environment;
                if (!environment.CanPrompt)
                {
                    throw new CliException($"Not removing app {app} without confirmation.", "Pass --yes to remove it without a prompt.");
                }

                if (!environment.Console.Confirm($"Remove app [bold]{Markup.Escape(app)}[/] and everything it owns?", defaultValue: false))
                {
                    call.Output.Info("Nothing removed.");
                    return 1;
                }
            }

            return await AppOperation.RunAsync(call, HttpMethod.Delete, app, ApiPath.Of("apps", app), null, ct);
        });
        return command;
    }

    private static Command Update(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var platform = new Option<string?>("--platform", "-l") { Description = "A new platform (used from the next deploy)." };
        var plan = new Option<string?>("--plan", "-p") { Description = "A new plan (used from the next deploy or restart)." };
        var description = new Option<string?>("--description", "-d") { Description = "A new description." };
        var tags = new Option<string[]>("--tag", "-g") { Description = "Replace the tags with these; repeat for more." };
        var command = new Command("update", "Changes an app's description, plan, platform or tags (they apply at the next deploy or restart).")
        {
            name, platform, plan, description, tags,
        };
        context.SetAction(command, async (call, ct) =>
        {
            var given = call.Get(tags) is { Length: > 0 } t ? t : null;
            if (call.Get(platform) is null && call.Get(plan) is null && call.Get(description) is null && given is null)
            {
                throw new CliException("Nothing to change.", "Give --platform, --plan, --description or --tag.");
            }

            var updated = await call.Api.SendAsync(HttpMethod.Put, ApiPath.Of("apps", call.Get(name)), new
            {
                platform = call.Get(platform),
                plan = call.Get(plan),
                description = call.Get(description),
                tags = given,
            }, ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(updated);
            }

            call.Output.Success($"Updated app {call.Get(name)}; the changes apply at its next deploy or restart.");
        });
        return command;
    }

    private static IRenderable Render(AppInfo a, IReadOnlyList<AppUnitInfo>? units, string? unitsProblem)
    {
        IRenderable unitsView = units is null
            ? new Markup($"[yellow]Units: unknown ({Markup.Escape(unitsProblem ?? "")})[/]{Environment.NewLine}")
            : units.Count == 0
                ? new Markup($"[grey]No units running.[/]{Environment.NewLine}")
                : CliOutput.Table(AppUnitCommands.Headers, units.Select(AppUnitCommands.Row));
        return new Rows(
            new Text($"{a.Name}{(a.Stopped ? " (stopped)" : "")}", new Style(decoration: Decoration.Bold)),
            CliOutput.Table(["Setting", "Value"],
            [
                ["Description", Cells.Text(a.Description)],
                ["Team", a.TeamOwner],
                ["Pool", a.Pool],
                ["Platform", Cells.Text(a.Platform)],
                ["Plan", a.Plan],
                ["Version", Version(a.Version)],
                ["Address", a.Addresses is { Count: > 0 } addresses ? Cells.List(addresses) : Cells.Text(a.Address)],
                ["Cnames", Cells.List(a.Cnames)],
                ["Processes", Units(a)],
                ["Tags", Cells.List(a.Tags)],
                ["Router options", Cells.List(a.RouterOpts?.Select(o => $"{o.Key}={o.Value}"))],
                ["Created", Cells.Time(a.CreatedAt)],
                ["Updated", Cells.Time(a.UpdatedAt)],
            ]),
            unitsView);
    }

    private static string Version(int? version) => version is { } v ? "v" + v.ToString(CultureInfo.InvariantCulture) : "not deployed";

    private static string Units(AppInfo a) =>
        a.Processes is null || a.Processes.Count == 0 ? Cells.None : string.Join(", ", a.Processes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"));
}
