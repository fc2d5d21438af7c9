namespace Stratus.Infra.Variables;

/// <summary>A new variable. A sensitive one may be created without a value and given it later.</summary>
public sealed record VariableInput(
    string Key,
    VariableCategory Category,
    string? Value,
    string? Description = null,
    bool Sensitive = false,
    bool Hcl = false);
