using System.CommandLine;
using Stratus.Cli.Api;

namespace Stratus.Cli.Commands.Infra;

/// <summary><c>--org</c> and a collection's name (the first argument): where a collection's items and references live.</summary>
internal sealed class CollectionScope : IInfraScope
{
    private readonly OrganizationScope _organization = new();
    private readonly Argument<string> _collection = new("collection") { Description = "The collection's name." };

    public void AddTo(Command command)
    {
        _organization.AddTo(command);
        command.Arguments.Add(_collection);
    }

    public string Collection(CommandCall call) => call.Get(_collection);

    /// <summary>The collection's request builder in the generated client.</summary>
    public Stratus.Client.Api.V1.Organizations.Item.Collections.Item.WithCollectionItemRequestBuilder In(CommandCall call, Stratus.Client.StratusApiClient client) =>
        _organization.In(call, client).Collections[Collection(call)];

    public string Path(CommandCall call, params string[] segments) =>
        ApiPath.Of(["organizations", _organization.Name(call), "collections", Collection(call), .. segments]);

    public string Describe(CommandCall call) => $"collection {Collection(call)} of organization {_organization.Name(call)}";
}
