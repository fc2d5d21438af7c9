namespace Stratus.Api.Infra.Variables;

/// <summary>A collection to create (name required, priority 0 by default), or the properties to change.</summary>
internal sealed record CollectionRequest(string? Name, string? Description, int? Priority);
