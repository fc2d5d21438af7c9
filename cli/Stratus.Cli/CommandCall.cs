using System.CommandLine;
using Stratus.Cli.Api;
using Stratus.Cli.Output;

namespace Stratus.Cli;

/// <summary>One run of a command: its parsed values, its output, and a signed-in API client made on first use.</summary>
internal sealed class CommandCall(CliContext context, ParseResult parse, CliOutput output) : IDisposable
{
    private StratusApiClient? _api;
    private StratusApi? _client;

    public CliContext Context { get; } = context;

    public CliOutput Output { get; } = output;

    /// <summary>The API with the token in force (see <see cref="CliContext.CreateSignedInClient"/>).</summary>
    public StratusApiClient Api => _api ??= Context.CreateSignedInClient();

    /// <summary>The generated API client with the token in force (see <see cref="CliContext.CreateSignedInApi"/>).</summary>
    public StratusApi Client => _client ??= Context.CreateSignedInApi();

    public T Get<T>(Argument<T> argument) => parse.GetRequiredValue(argument);

    public T? Get<T>(Option<T> option) => parse.GetValue(option);

    public void Dispose()
    {
        _api?.Dispose();
        _client?.Dispose();
    }
}
