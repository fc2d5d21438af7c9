namespace Stratus.Infra.Jobs;

/// <summary>
/// A job: a template's flows run against one workspace. Numbered per workspace (1, 2, …) so the queue order is the
/// row order. <see cref="Tcl"/> is the template as it was when the job was created, so editing a template never
/// changes a queued job.
/// </summary>
public sealed record Job(
    string Organization,
    string Workspace,
    int Id,
    string Status,
    string Template,
    string Tcl,
    string Via,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ApprovalTeam,
    bool? PlanChanges,
    string? Outputs,
    string? PlanBlob,
    int? StateVersion,
    string? Reason,
    bool CancelRequested,
    string? DecidedBy)
{
    public string Key => $"{Organization}/{Workspace}/{Id}";
}
