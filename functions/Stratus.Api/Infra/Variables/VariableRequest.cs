using Stratus.Api.Api.Validation;
using Stratus.Infra.Variables;

namespace Stratus.Api.Infra.Variables;

/// <summary>
/// A variable to create, or the properties to change (those left out stay as they are). <see cref="Category"/> is
/// <c>TERRAFORM</c> (the default) or <c>ENV</c>. A sensitive value is write-only: no response ever shows it.
/// </summary>
internal sealed record VariableRequest(
    [property: Text(VariableRules.MaxKeyLength)] string? Key,
    [property: Text(InputLimits.Value, Kind = TextKind.MultiLine)] string? Value,
    [property: Text(VariableRules.MaxDescriptionLength, Kind = TextKind.MultiLine)] string? Description,
    [property: Text(InputLimits.Keyword)] string? Category,
    bool? Sensitive,
    bool? Hcl);
