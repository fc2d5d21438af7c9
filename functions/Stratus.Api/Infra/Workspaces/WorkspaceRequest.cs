namespace Stratus.Api.Infra.Workspaces;

/// <summary>
/// A workspace. <see cref="Source"/> is a git URL (with <see cref="Branch"/> or <see cref="Commit"/>); leave it out
/// and upload a tar.gz to <c>PUT …/source</c> instead. On PATCH only the properties sent change.
/// </summary>
internal sealed record WorkspaceRequest(
    string? Name,
    string? Description,
    string? Source,
    string? Branch,
    string? Commit,
    string? Folder,
    string? IacType,
    string? TerraformVersion,
    string? DefaultTemplate,
    string? ExecutionMode,
    IReadOnlyList<string>? Tags);
