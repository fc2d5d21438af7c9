using System.CommandLine;
using System.Globalization;
using Stratus.Cli.Api;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Apps;

/// <summary>
/// <c>stratus app env get|set|unset</c>: an app's environment. Changes are operations: they restart the app with the new
/// environment (followed like a deploy) unless <c>--no-restart</c>, which stores them for the next deploy or restart.
/// Private values are never shown, here or by the API.
/// </summary>
internal static class AppEnvCommands
{
    public const string Masked = "*** (private)";
    private static readonly string[] Headers = ["Name", "Value"];

    public static Command Create(CliContext context) => new("env", "Manages an app's environment variables.")
    {
        Get(context),
        Set(context),
        Unset(context),
    };

    /// <summary>NAME=value pairs; a <see cref="CliException"/> naming the first that is not one.</summary>
    public static IReadOnlyList<(string Name, string Value)> Pairs(IEnumerable<string> arguments)
    {
        var pairs = new List<(string, string)>();
        foreach (var argument in arguments)
        {
            var separator = argument.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new CliException($"'{argument}' is not NAME=value.", "Write each variable as NAME=value, such as LOG_LEVEL=debug; quote values with spaces.");
            }

            pairs.Add((argument[..separator], argument[(separator + 1)..]));
        }

        return pairs;
    }

    private static Command Get(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var command = new Command("get", "Lists an app's environment variables (private values masked).") { name };
        context.SetAction(command, async (call, ct) =>
        {
            var envs = await call.Client.Call((c, ct) => c.Api.V1.Apps[call.Get(name)].Env.GetAsync(cancellationToken: ct), ct);
            call.Output.Show(envs, e => e.Count == 0
                ? new Spectre.Console.Markup($"[grey]No environment variables.[/]{Environment.NewLine}")
                : CliOutput.Table(Headers, e.OrderBy(v => v.Name, StringComparer.Ordinal).Select(v => new[] { v.Name, v.Private == true ? Masked : v.Value ?? "" })));
        });
        return command;
    }

    private static Command Set(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var variables = new Argument<string[]>("variables") { Description = "NAME=value pairs.", Arity = ArgumentArity.OneOrMore };
        var isPrivate = new Option<bool>("--private") { Description = "Store the values as private: encrypted, never shown, masked in logs." };
        var noRestart = new Option<bool>("--no-restart") { Description = "Do not restart: the values apply at the next deploy or restart." };
        var wait = new Option<int?>("--wait", "-w") { Description = "If another operation holds the app, wait up to this many seconds for it (at most 300)." };
        var command = new Command("set", "Sets environment variables and restarts the app with them.") { name, variables, isPrivate, noRestart, wait };
        context.SetAction(command, (call, ct) =>
        {
            var app = call.Get(name);
            var envs = Pairs(call.Get(variables)).Select(p => new { name = p.Name, value = p.Value }).ToList();
            var path = ApiPath.WithQuery(ApiPath.Of("apps", app, "env"), ("wait", call.Get(wait)?.ToString(CultureInfo.InvariantCulture)));
            return AppOperation.RunAsync(call, HttpMethod.Post, app, path, new { envs, @private = call.Get(isPrivate), noRestart = call.Get(noRestart) }, ct);
        });
        return command;
    }

    private static Command Unset(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var variables = new Argument<string[]>("variables") { Description = "The names of the variables to remove.", Arity = ArgumentArity.OneOrMore };
        var noRestart = new Option<bool>("--no-restart") { Description = "Do not restart: the removal applies at the next deploy or restart." };
        var wait = new Option<int?>("--wait", "-w") { Description = "If another operation holds the app, wait up to this many seconds for it (at most 300)." };
        var command = new Command("unset", "Removes environment variables and restarts the app without them.") { name, variables, noRestart, wait };
        context.SetAction(command, (call, ct) =>
        {
            var app = call.Get(name);
            var query = call.Get(variables).Select(v => ("env", (string?)v))
                .Append(("noRestart", call.Get(noRestart) ? "true" : null))
                .Append(("wait", call.Get(wait)?.ToString(CultureInfo.InvariantCulture)))
                .ToArray();
            return AppOperation.RunAsync(call, HttpMethod.Delete, app, ApiPath.WithQuery(ApiPath.Of("apps", app, "env"), query), null, ct);
        });
        return command;
    }
}
