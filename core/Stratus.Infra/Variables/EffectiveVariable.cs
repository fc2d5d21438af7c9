namespace Stratus.Infra.Variables;

/// <summary>
/// A variable that applies to a workspace, where it comes from, and the definitions of the same key and category it
/// hides (lower in precedence). Sensitive values stay masked in <see cref="Variable"/>.
/// </summary>
public sealed record EffectiveVariable(Variable Variable, VariableSource Source, IReadOnlyList<VariableSource> Overrides);
