using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Cli.Configuration;
using Stratus.Cli.Output;

namespace Stratus.Cli;

/// <summary>
/// What every command shares: the environment, the config file, the global <c>--output</c> option, how API clients are
/// made, and how an action's failures become red messages and exit codes (1 for a refusal or a mistake, 2 when the API
/// fails or cannot be reached).
/// </summary>
internal sealed class CliContext(CliEnvironment environment)
{
    public CliEnvironment Environment { get; } = environment;

    public ConfigStore Config { get; } = ConfigStore.For(environment);

    public Option<OutputFormat> OutputOption { get; } = new("--output", "-o")
    {
        Description = "How to print results: table (default) or json (the API's JSON, for scripts).",
        HelpName = "table|json",
        Recursive = true,
        CustomParser = result =>
        {
            var value = result.Tokens.Count == 0 ? "table" : result.Tokens[^1].Value;
            if (Enum.TryParse<OutputFormat>(value, ignoreCase: true, out var format) && Enum.IsDefined(format) && !int.TryParse(value, out _))
            {
                return format;
            }

            result.AddError($"--output must be table or json, not '{value}'.");
            return OutputFormat.Table;
        },
    };

    /// <summary>The URL and token in force: environment variables, then the config file.</summary>
    public ConnectionSettings Connection(string? url = null) => ConnectionSettings.Resolve(Config.Load(), Environment.GetVariable, url);

    public StratusApiClient CreateClient(Uri url, string? token) => new(url, token, Environment.HttpHandler);

    /// <summary>A client that sends the token in force; a <see cref="CliException"/> when there is none.</summary>
    public StratusApiClient CreateSignedInClient()
    {
        var connection = SignedInConnection();
        return CreateClient(connection.Url, connection.Token);
    }

    /// <summary>The generated API client (<see cref="StratusApi"/>) for <paramref name="url"/>, sending <paramref name="token"/>.</summary>
    public StratusApi CreateApi(Uri url, string? token) => new(url, token, Environment.HttpHandler);

    /// <summary>The generated API client with the token in force; a <see cref="CliException"/> when there is none.</summary>
    public StratusApi CreateSignedInApi()
    {
        var connection = SignedInConnection();
        return CreateApi(connection.Url, connection.Token);
    }

    private ConnectionSettings SignedInConnection()
    {
        var connection = Connection();
        return connection.Token is null
            ? throw new CliException("Not logged in.", $"Run 'stratus login' (or 'stratus login --token' with an API token on standard input), or set {EnvironmentVariables.Token}.")
            : connection;
    }

    /// <summary>Runs <paramref name="action"/> for <paramref name="command"/>, turning its failures into messages and exit codes.</summary>
    public void SetAction(Command command, Func<CommandCall, CancellationToken, Task> action) =>
        SetAction(command, async (call, cancellationToken) =>
        {
            await action(call, cancellationToken);
            return 0;
        });

    /// <summary>Like the other overload, for actions that choose their exit code (an operation that ran and failed is 1).</summary>
    public void SetAction(Command command, Func<CommandCall, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = new CliOutput(Environment, parse.GetValue(OutputOption));
            using var call = new CommandCall(this, parse, output);
            try
            {
                return await action(call, cancellationToken);
            }
            catch (StratusApiException e)
            {
                output.Error(e.Title, e.Detail);
                return e.ExitCode;
            }
            catch (CliException e)
            {
                output.Error(e.Message, e.Detail);
                if (e.Hint is { } hint)
                {
                    output.Warning(hint);
                }

                return e.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                output.Error("Cancelled.", null);
                return 130;
            }
        });
}
