using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Client.Models;
using Stratus.Cli.Configuration;
using Stratus.Cli.Input;

namespace Stratus.Cli.Commands;

/// <summary>
/// <c>stratus login</c>: signs in with a user name and password (<c>POST /auth/login</c>), or with <c>--token</c> stores an
/// existing API token read from standard input after checking it with <c>GET /whoami</c>. The token goes to the config
/// file and is never printed.
/// </summary>
internal static class LoginCommand
{
    public static Command Create(CliContext context)
    {
        var url = new Option<string?>("--url") { Description = $"The API's base URL (default: {EnvironmentVariables.Url}, the stored URL, or {ConnectionSettings.DefaultUrl})." };
        var name = new Option<string?>("--name", "-n") { Description = "Your user name (prompted for when missing)." };
        var passwordStdin = CommonOptions.PasswordStdin("Read the password from standard input instead of prompting.");
        var token = new Option<bool>("--token") { Description = "Store an existing API token, such as the bootstrap admin token, read from standard input." };
        var command = new Command("login", "Signs in and stores the token in the config file.") { url, name, passwordStdin, token };
        command.Validators.Add(result =>
        {
            if (result.GetValue(token) && (result.GetValue(name) is not null || result.GetValue(passwordStdin)))
            {
                result.AddError("--token cannot be combined with --name or --password-stdin.");
            }
        });
        context.SetAction(command, (call, ct) => call.Get(token)
            ? WithTokenAsync(call, call.Get(url), ct)
            : WithPasswordAsync(call, call.Get(url), call.Get(name), call.Get(passwordStdin), ct));
        return command;
    }

    private static async Task WithPasswordAsync(CommandCall call, string? url, string? name, bool passwordStdin, CancellationToken cancellationToken)
    {
        var environment = call.Context.Environment;
        var config = call.Context.Config.Load();
        var connection = ConnectionSettings.Resolve(config, environment.GetVariable, url);
        name ??= UserInput.Prompt(environment, "User name", secret: false, "Pass it with --name.");
        var password = passwordStdin
            ? UserInput.ReadLine(environment, "password")
            : UserInput.Prompt(environment, "Password", secret: true, "Pipe it in with --password-stdin.");

        using var anonymous = call.Context.CreateApi(connection.Url, token: null);
        var signedIn = await anonymous.Call((c, ct) => c.Api.V1.Auth.Login.PostAsync(new LoginRequest { Name = name, Password = password }, cancellationToken: ct), cancellationToken);
        call.Context.Config.Save(config with { Url = connection.Url.AbsoluteUri, Token = signedIn.Value.Secret });

        if (call.Output.IsJson)
        {
            call.Output.Json(signedIn.Json.GetProperty("token"));
        }

        call.Output.Success($"Logged in to {connection.Url} as {signedIn.Value.Token?.Owner}; the token {Output.Cells.Expiry(signedIn.Value.Token?.ExpiresAt)}.");
        WarnIfOverridden(call);
    }

    private static async Task WithTokenAsync(CommandCall call, string? url, CancellationToken cancellationToken)
    {
        var environment = call.Context.Environment;
        var config = call.Context.Config.Load();
        var connection = ConnectionSettings.Resolve(config, environment.GetVariable, url);
        var secret = (environment.CanPrompt
            ? UserInput.Prompt(environment, "Token", secret: true, "Pipe it in.")
            : UserInput.ReadLine(environment, "token")).Trim();

        using var client = call.Context.CreateApi(connection.Url, secret);
        var me = await client.Call((c, ct) => c.Api.V1.Whoami.GetAsync(cancellationToken: ct), cancellationToken);
        call.Context.Config.Save(config with { Url = connection.Url.AbsoluteUri, Token = secret });

        if (call.Output.IsJson)
        {
            call.Output.Json(me.Json);
        }

        call.Output.Success($"Logged in to {connection.Url} as {me.Value.Principal}.");
        WarnIfOverridden(call);
    }

    private static void WarnIfOverridden(CommandCall call)
    {
        if (!string.IsNullOrWhiteSpace(call.Context.Environment.GetVariable(EnvironmentVariables.Token)))
        {
            call.Output.Warning($"{EnvironmentVariables.Token} is set, and wins over the stored token until you unset it.");
        }
    }
}
