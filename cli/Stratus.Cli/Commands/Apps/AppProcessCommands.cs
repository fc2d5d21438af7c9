using System.CommandLine;
using System.Globalization;
using Stratus.Cli.Api;

namespace Stratus.Cli.Commands.Apps;

/// <summary><c>stratus app start|stop|restart &lt;app&gt;</c>: operations on the whole app that follow their event's log like a deploy.</summary>
internal static class AppProcessCommands
{
    public static Command Start(CliContext context) => Create(context, "start", "Starts a stopped app's units, and follows the start.");

    public static Command Stop(CliContext context) => Create(context, "stop", "Stops the app's units (their counts are kept for the next start), and follows the stop.");

    public static Command Restart(CliContext context) => Create(context, "restart", "Replaces every unit with a fresh one of the same version, and follows the restart.");

    private static Command Create(CliContext context, string verb, string description)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var wait = new Option<int?>("--wait", "-w") { Description = "If another operation holds the app, wait up to this many seconds for it (at most 300)." };
        var command = new Command(verb, description) { name, wait };
        context.SetAction(command, (call, ct) =>
        {
            var app = call.Get(name);
            var path = ApiPath.WithQuery(ApiPath.Of("apps", app, verb), ("wait", call.Get(wait)?.ToString(CultureInfo.InvariantCulture)));
            return AppOperation.RunAsync(call, HttpMethod.Post, app, path, null, ct);
        });
        return command;
    }
}
