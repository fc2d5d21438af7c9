using Stratus.Api.Api.Validation;
using Stratus.Infra.Variables;

namespace Stratus.Api.Infra.Variables;

/// <summary>A collection to create (name required, priority 0 by default), or the properties to change.</summary>
internal sealed record CollectionRequest([property: Text(InputLimits.InfraName)] string? Name, [property: Text(VariableRules.MaxDescriptionLength, Kind = TextKind.MultiLine)] string? Description, int? Priority);
