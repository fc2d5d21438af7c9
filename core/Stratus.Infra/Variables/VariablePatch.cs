namespace Stratus.Infra.Variables;

/// <summary>A change to a variable: <c>null</c> leaves a property as it is; an empty description clears it.</summary>
public sealed record VariablePatch(
    string? Key = null,
    VariableCategory? Category = null,
    string? Value = null,
    string? Description = null,
    bool? Sensitive = null,
    bool? Hcl = null);
