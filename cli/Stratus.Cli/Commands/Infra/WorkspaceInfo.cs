namespace Stratus.Cli.Commands.Infra;

/// <summary>A workspace as the API answers it: <see cref="SourceKind"/> is <c>git</c>, <c>upload</c> or <c>empty</c>.</summary>
internal sealed record WorkspaceInfo(
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
    IReadOnlyList<string>? Tags,
    bool Locked,
    string? LockReason,
    string? LockedBy,
    DateTimeOffset? LockedAt,
    string? LastJobStatus,
    DateTimeOffset? LastJobAt,
    DateTimeOffset CreatedAt,
    string CreatedBy);
