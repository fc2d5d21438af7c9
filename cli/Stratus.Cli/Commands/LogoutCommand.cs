using System.CommandLine;
using Stratus.Cli.Configuration;

namespace Stratus.Cli.Commands;

/// <summary><c>stratus logout</c>: removes the stored token (the URL stays). The token itself stays valid until it expires or is revoked.</summary>
internal static class LogoutCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("logout", "Removes the stored token from the config file.");
        context.SetAction(command, (call, _) =>
        {
            var config = call.Context.Config.Load();
            if (config.Token is null)
            {
                call.Output.Success("Not logged in; there was no stored token.");
            }
            else
            {
                call.Context.Config.Save(config with { Token = null });
                call.Output.Success($"Logged out: removed the token from {call.Context.Config.FilePath}.");
            }

            if (!string.IsNullOrWhiteSpace(call.Context.Environment.GetVariable(EnvironmentVariables.Token)))
            {
                call.Output.Warning($"{EnvironmentVariables.Token} is still set in this environment; commands keep using it.");
            }

            return Task.CompletedTask;
        });
        return command;
    }
}
