using System.CommandLine;
using System.Globalization;
using Stratus.Cli.Api;

namespace Stratus.Cli.Commands.Apps;

/// <summary>
/// <c>stratus app log &lt;app&gt; [--lines N] [--process p] [-f]</c>: the units' last log lines, merged by time; with
/// <c>-f</c> new lines print as they come until Ctrl+C. Lines are written as they are, never through table layout.
/// </summary>
internal static class AppLogCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var lines = new Option<int?>("--lines", "-l") { Description = "How many of the last lines to show (default 100, at most 10000)." };
        var process = new Option<string?>("--process", "-p") { Description = "Only the units of this process." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines as they come, until Ctrl+C." };
        var command = new Command("log", "Shows an app's log: its units' output, merged by time.") { name, lines, process, follow };
        context.SetAction(command, async (call, ct) =>
        {
            var app = call.Get(name);
            var path = ApiPath.WithQuery(
                ApiPath.Of("apps", app, "log"),
                ("lines", call.Get(lines)?.ToString(CultureInfo.InvariantCulture)),
                ("process", call.Get(process)),
                ("follow", call.Get(follow) ? "true" : null));
            using var http = AppHttp.For(call);
            var output = call.Context.Environment.Out;
            await foreach (var line in http.ReadLinesAsync(path, ct))
            {
                output.WriteLine(line);
                output.Flush();
            }
        });
        return command;
    }
}
