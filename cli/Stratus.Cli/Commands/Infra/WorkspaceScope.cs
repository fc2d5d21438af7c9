using System.CommandLine;
using Stratus.Cli.Api;

namespace Stratus.Cli.Commands.Infra;

/// <summary><c>--org</c> and <c>--workspace</c> (<c>-w</c>): the workspace a command acts in.</summary>
internal sealed class WorkspaceScope : IInfraScope
{
    private readonly OrganizationScope _organization = new();
    private readonly Option<string> _workspace = new("--workspace", "-w") { Description = "The workspace.", Required = true };

    public void AddTo(Command command)
    {
        _organization.AddTo(command);
        command.Options.Add(_workspace);
    }

    public string Organization(CommandCall call) => _organization.Name(call);

    public string Workspace(CommandCall call) => call.Get(_workspace)!;

    /// <summary>The workspace's request builder in the generated client.</summary>
    public Stratus.Client.Api.V1.Organizations.Item.Workspaces.Item.WithWorkspaceItemRequestBuilder In(CommandCall call, Stratus.Client.StratusApiClient client) =>
        client.Api.V1.Organizations[Organization(call)].Workspaces[Workspace(call)];

    public string Path(CommandCall call, params string[] segments) =>
        ApiPath.Of(["organizations", Organization(call), "workspaces", Workspace(call), .. segments]);

    public string Describe(CommandCall call) => $"workspace {Organization(call)}/{Workspace(call)}";
}
