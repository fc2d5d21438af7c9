namespace Stratus.Infra.Variables;

/// <summary>
/// A collection (Terrakube's variable set): variables an organization applies to the workspaces that reference it.
/// Among collections, the higher <see cref="Priority"/> wins a key; workspace variables and globals win over both.
/// </summary>
public sealed record VariableCollection(
    string Organization,
    string Name,
    string? Description,
    int Priority,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    string Version);
