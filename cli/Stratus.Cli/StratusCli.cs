using System.CommandLine;
using Stratus.Cli.Commands;

namespace Stratus.Cli;

/// <summary>The <c>stratus</c> command line: parses the arguments and runs the command against <see cref="CliEnvironment"/>.</summary>
internal sealed class StratusCli(CliEnvironment environment)
{
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var root = CommandTree.Build(new CliContext(environment));
        var invocation = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            ProcessTerminationTimeout = environment.HandlesProcessTermination ? TimeSpan.FromSeconds(2) : null,
        };
        return await root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }
}
