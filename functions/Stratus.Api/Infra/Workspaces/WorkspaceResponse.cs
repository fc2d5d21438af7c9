using Stratus.Infra.Workspaces;

namespace Stratus.Api.Infra.Workspaces;

internal sealed record WorkspaceResponse(
    string Id,
    string Organization,
    string Name,
    string? Description,
    string SourceKind,
    string? Source,
    string? Branch,
    string? Commit,
    string? Folder,
    string IacType,
    string? TerraformVersion,
    string? DefaultTemplate,
    string ExecutionMode,
    IReadOnlyList<string> Tags,
    bool Locked,
    string? LockReason,
    string? LockedBy,
    DateTimeOffset? LockedAt,
    string? LastJobStatus,
    DateTimeOffset? LastJobAt,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public static WorkspaceResponse From(Workspace w) => new(
        w.Id, w.Organization, w.Name, w.Description, w.Source.Kind, w.Source.Url, w.Source.Branch, w.Source.Commit, w.Source.Folder,
        w.IacType, w.TerraformVersion, w.DefaultTemplate, w.ExecutionMode, w.Tags, w.Locked, w.LockReason, w.LockedBy, w.LockedAt,
        w.LastJobStatus, w.LastJobAt, w.CreatedAt, w.CreatedBy);
}
