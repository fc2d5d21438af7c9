using Stratus.Infra.Variables;

namespace Stratus.Api.Infra.Variables;

/// <summary>A variable a workspace's runs get, where it comes from, and the definitions it hides. Sensitive values are masked.</summary>
internal sealed record EffectiveVariableResponse(
    string Key,
    VariableCategory Category,
    string? Value,
    bool HasValue,
    bool Sensitive,
    bool Hcl,
    string? Description,
    VariableSourceResponse Source,
    IReadOnlyList<VariableSourceResponse> Overrides)
{
    public static EffectiveVariableResponse From(EffectiveVariable effective) => new(
        effective.Variable.Key,
        effective.Variable.Category,
        effective.Variable.Sensitive ? null : effective.Variable.Value,
        effective.Variable.HasValue,
        effective.Variable.Sensitive,
        effective.Variable.Hcl,
        effective.Variable.Description,
        VariableSourceResponse.From(effective.Source),
        effective.Overrides.Select(VariableSourceResponse.From).ToList());
}
