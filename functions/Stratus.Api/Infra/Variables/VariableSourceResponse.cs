using Stratus.Infra.Variables;

namespace Stratus.Api.Infra.Variables;

/// <summary>Where a definition lives: <c>workspace</c>, <c>global</c> or <c>collection</c> (with its priority), its name and variable id.</summary>
internal sealed record VariableSourceResponse(string Kind, string Name, string VariableId, int? Priority)
{
    public static VariableSourceResponse From(VariableSource source) => new(
        source.Kind switch
        {
            VariableOwnerKind.Workspace => "workspace",
            VariableOwnerKind.Organization => "global",
            _ => "collection",
        },
        source.Name,
        source.VariableId,
        source.Priority);
}
