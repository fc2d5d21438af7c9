using System.CommandLine;
using System.Globalization;
using Stratus.Cli.Api;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Apps;

/// <summary>
/// <c>stratus app rollback &lt;app&gt; --version N</c> (or <c>--image</c>): serves an earlier successful version again,
/// without a build, following the rollback's log; <c>rollback disable|enable</c> takes a version out of (or back into)
/// the rollback targets.
/// </summary>
internal static class AppRollbackCommands
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var version = new Option<int?>("--version", "-v") { Description = "The version to roll back to ('stratus app versions' lists them)." };
        var image = new Option<string?>("--image", "-i") { Description = "The image of the version to roll back to, instead of its number." };
        var message = new Option<string?>("--message", "-m") { Description = "Why you roll back: kept in the deploy history." };
        var wait = new Option<int?>("--wait", "-w") { Description = "If another operation holds the app, wait up to this many seconds for it (at most 300)." };
        var command = new Command("rollback", "Rolls an app back to an earlier successful version, and follows the rollback's log.")
        {
            name, version, image, message, wait,
            Change(context, "disable", "Takes a version out of the rollback targets, with the reason shown to whoever tries.", disable: true),
            Change(context, "enable", "Makes a disabled version a rollback target again.", disable: false),
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(version) is null) == (result.GetValue(image) is null))
            {
                result.AddError("Give the version to roll back to with --version, or its image with --image (one of them).");
            }
        });
        context.SetAction(command, (call, ct) =>
        {
            var app = call.Get(name);
            var path = ApiPath.WithQuery(ApiPath.Of("apps", app, "deploy", "rollback"), ("wait", call.Get(wait)?.ToString(CultureInfo.InvariantCulture)));
            return AppOperation.RunAsync(call, HttpMethod.Post, app, path, new { version = call.Get(version), image = call.Get(image), message = call.Get(message) }, ct);
        });
        return command;
    }

    private static Command Change(CliContext context, string verb, string description, bool disable)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var version = new Option<int>("--version", "-v") { Description = "The version.", Required = true };
        var reason = new Option<string?>("--reason", "-r") { Description = "Why the version must not be rolled back to (required to disable)." };
        var command = new Command(verb, description) { name, version, reason };
        if (disable)
        {
            command.Validators.Add(result =>
            {
                if (string.IsNullOrWhiteSpace(result.GetValue(reason)))
                {
                    result.AddError("Say why with --reason; it is shown to whoever tries to roll back to the version.");
                }
            });
        }

        context.SetAction(command, async (call, ct) =>
        {
            var app = call.Get(name);
            var body = new RollbackUpdateRequest { Version = call.Get(version), Disable = disable, Reason = call.Get(reason) };
            var updated = await call.Client.Call((c, ct) => c.Api.V1.Apps[app].Deploy.Rollback.Update.PutAsync(body, cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(updated.Json);
            }

            var number = call.Get(version).ToString(CultureInfo.InvariantCulture);
            call.Output.Success(disable
                ? $"Version {number} of {app} is no longer a rollback target."
                : $"Version {number} of {app} is a rollback target again.");
        });
        return command;
    }
}
