namespace Stratus.Infra.Workspaces;

/// <summary>A Terrakube workspace: a root module, its terraform/tofu version, execution settings, lock and last job.</summary>
public sealed record Workspace(
    string Id,
    string Organization,
    string Name,
    string? Description,
    WorkspaceSource Source,
    string IacType,
    string? TerraformVersion,
    string? DefaultTemplate,
    string ExecutionMode,
    IReadOnlyList<string> Tags,
    bool Locked,
    string? LockReason,
    string? LockedBy,
    DateTimeOffset? LockedAt,
    bool Deleted,
    string? LastJobStatus,
    DateTimeOffset? LastJobAt,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public const string Terraform = "terraform";
    public const string Tofu = "tofu";

    public WorkspaceRef ToRef() => new(Organization, Name, Id, Locked);
}
