using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Stratus.Cli.Api;
using Stratus.Cli.Output;
using Stratus.Client.Models;

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
                await call.Client.ListAllAsync((c, limit, continuation, ct) => c.Api.V1.Apps.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; r.QueryParameters.Pool = call.Get(pool); r.QueryParameters.Team = call.Get(team); }, ct), page => page.Items, null, ct),
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
            var body = new AppRequest
            {
                Name = call.Get(name),
                Platform = call.Get(platform),
                TeamOwner = call.Get(team),
                Pool = call.Get(pool),
                Plan = call.Get(plan),
                Description = call.Get(description),
                Tags = call.Get(tags) is { Length: > 0 } given ? [.. given] : null,
            };
            var created = await call.Client.Call((c, ct) => c.Api.V1.Apps.PostAsync(body, cancellationToken: ct), ct);
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
            var app = await call.Client.Call((c, ct) => c.Api.V1.Apps[call.Get(name)].GetAsync(cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(app.Json);
                return;
            }

            var (units, unitsProblem) = await AppUnitCommands.TryListAsync(call, app.Value.Name ?? call.Get(name), ct);
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

            var body = new AppRequest { Platform = call.Get(platform), Plan = call.Get(plan), Description = call.Get(description), Tags = given is null ? null : [.. given] };
            var updated = await call.Client.Call((c, ct) => c.Api.V1.Apps[call.Get(name)].PutAsync(body, cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(updated.Json);
            }

            call.Output.Success($"Updated app {call.Get(name)}; the changes apply at its next deploy or restart.");
        });
        return command;
    }

    private static IRenderable Render(AppResponse a, IReadOnlyList<UnitResponse>? units, string? unitsProblem)
    {
        IRenderable unitsView = units is null
            ? new Markup($"[yellow]Units: unknown ({Markup.Escape(unitsProblem ?? "")})[/]{Environment.NewLine}")
            : units.Count == 0
                ? new Markup($"[grey]No units running.[/]{Environment.NewLine}")
                : CliOutput.Table(AppUnitCommands.Headers, units.Select(AppUnitCommands.Row));
        return new Rows(
            new Text($"{a.Name}{(a.Stopped == true ? " (stopped)" : "")}", new Style(decoration: Decoration.Bold)),
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
                ["Router options", Cells.List(a.RouterOpts is { } options ? AdditionalValue.Pairs(options.AdditionalData) : null)],
                ["Created", Cells.Time(a.CreatedAt)],
                ["Updated", Cells.Time(a.UpdatedAt)],
            ]),
            unitsView);
    }

    private static string Version(int? version) => version is { } v ? "v" + v.ToString(CultureInfo.InvariantCulture) : "not deployed";

    private static string Units(AppResponse a) =>
        a.Processes?.AdditionalData is not { Count: > 0 } processes ? Cells.None : string.Join(", ", processes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {AdditionalValue.Text(p.Value)}"));
}
