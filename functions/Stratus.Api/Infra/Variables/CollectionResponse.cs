using Stratus.Infra.Variables;

namespace Stratus.Api.Infra.Variables;

internal sealed record CollectionResponse(
    string Name,
    string? Description,
    int Priority,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    string Version)
{
    public static CollectionResponse From(VariableCollection collection) => new(
        collection.Name,
        collection.Description,
        collection.Priority,
        collection.CreatedAt,
        collection.CreatedBy,
        collection.UpdatedAt,
        collection.UpdatedBy,
        collection.Version);
}
