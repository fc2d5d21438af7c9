namespace Stratus.Cli.Commands.Infra;

/// <summary>A workspace variable, organization global or collection item. A sensitive one never carries its value.</summary>
internal sealed record VariableInfo(
    string Id,
    string Key,
    string? Value,
    bool HasValue,
    string? Description,
    string Category,
    bool Sensitive,
    bool Hcl,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);
