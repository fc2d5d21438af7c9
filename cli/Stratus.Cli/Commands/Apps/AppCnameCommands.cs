using System.CommandLine;
using System.Globalization;
using Stratus.Cli.Api;

namespace Stratus.Cli.Commands.Apps;

/// <summary><c>stratus app cname add|remove &lt;app&gt; &lt;cname&gt;…</c>: host names the app answers to; each change re-routes the app and is followed.</summary>
internal static class AppCnameCommands
{
    public static Command Create(CliContext context) => new("cname", "Manages the host names an app answers to besides its own.")
    {
        Change(context, "add", "Adds host names to an app and re-routes it.", remove: false),
        Change(context, "remove", "Removes host names from an app and re-routes it.", remove: true),
    };

    private static Command Change(CliContext context, string verb, string description, bool remove)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var cnames = new Argument<string[]>("cname") { Description = "Host names, such as www.example.com.", Arity = ArgumentArity.OneOrMore };
        var wait = new Option<int?>("--wait", "-w") { Description = "If another operation holds the app, wait up to this many seconds for it (at most 300)." };
        var command = new Command(verb, description) { name, cnames, wait };
        context.SetAction(command, (call, ct) =>
        {
            var app = call.Get(name);
            var waitSeconds = call.Get(wait)?.ToString(CultureInfo.InvariantCulture);
            return remove
                ? AppOperation.RunAsync(call, HttpMethod.Delete, app, ApiPath.WithQuery(
                    ApiPath.Of("apps", app, "cname"), call.Get(cnames).Select(c => ("cname", (string?)c)).Append(("wait", waitSeconds)).ToArray()), null, ct)
                : AppOperation.RunAsync(call, HttpMethod.Post, app, ApiPath.WithQuery(ApiPath.Of("apps", app, "cname"), ("wait", waitSeconds)),
                    new { cname = call.Get(cnames) }, ct);
        });
        return command;
    }
}
