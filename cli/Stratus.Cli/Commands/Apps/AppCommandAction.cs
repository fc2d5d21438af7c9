using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands.Apps;

/// <summary>
/// <see cref="CliContext.SetAction"/> for commands that start app operations: the same messages and exit codes, plus
/// exit code 2 with the holder's event when the app is busy (<see cref="AppBusyException"/>), and the action's own
/// exit code (1 for an operation that ran and failed, after its log has been shown).
/// </summary>
internal static class AppCommandAction
{
    public const int Busy = 2;

    public static void Set(CliContext context, Command command, Func<CommandCall, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = new CliOutput(context.Environment, parse.GetValue(context.OutputOption));
            using var call = new CommandCall(context, parse, output);
            try
            {
                return await action(call, cancellationToken);
            }
            catch (AppBusyException e)
            {
                output.Error(e.Title, e.Detail);
                var app = e.App ?? "<app>";
                output.Warning($"Follow it with 'stratus app event log {app} {e.HolderEventId}', cancel it with 'stratus app event cancel {app} {e.HolderEventId}', or retry with --wait <seconds>.");
                return Busy;
            }
            catch (StratusApiException e)
            {
                output.Error(e.Title, e.Detail);
                return e.ExitCode;
            }
            catch (CliException e)
            {
                output.Error(e.Message, e.Detail);
                return 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                output.Error("Cancelled.", null);
                return 130;
            }
        });
}
