using System.CommandLine;
using Stratus.Cli.Api;

namespace Stratus.Cli.Commands.Infra;

/// <summary><c>--org</c> (or <c>--organization</c>), as Terrakube's CLI names it: the organization a command acts in.</summary>
internal sealed class OrganizationScope : IInfraScope
{
    private readonly Option<string> _organization = new("--org", "--organization") { Description = "The organization.", Required = true };

    public void AddTo(Command command) => command.Options.Add(_organization);

    public string Name(CommandCall call) => call.Get(_organization)!;

    /// <summary>The organization's request builder in the generated client.</summary>
    public Stratus.Client.Api.V1.Organizations.Item.WithOrganizationItemRequestBuilder In(CommandCall call, Stratus.Client.StratusApiClient client) =>
        client.Api.V1.Organizations[Name(call)];

    public string Path(CommandCall call, params string[] segments) => ApiPath.Of(["organizations", Name(call), .. segments]);

    public string Describe(CommandCall call) => $"organization {Name(call)}";
}
