using System.CommandLine;

namespace Stratus.Cli.Commands.Infra;

/// <summary>
/// What an infrastructure command acts in (an organization, a workspace, a collection), named by options or arguments
/// it adds to the command, and the API path below it.
/// </summary>
internal interface IInfraScope
{
    /// <summary>Adds the options (and arguments) that name the scope; called before the command's own arguments.</summary>
    void AddTo(Command command);

    /// <summary>The API path of <paramref name="segments"/> inside the scope, every segment escaped.</summary>
    string Path(CommandCall call, params string[] segments);

    /// <summary>"organization acme", "workspace acme/network": how messages name the scope.</summary>
    string Describe(CommandCall call);
}
