namespace Stratus.Infra.Jobs;

/// <summary>
/// A job: a template's flows run against one workspace. Numbered per workspace (1, 2, …) so the queue order is the
/// row order. <see cref="Tcl"/> is the template as it was when the job was created, so editing a template never
/// changes a queued job.
/// </summary>
/// <remarks>
/// A job runs its workspace's source (git or the uploaded configuration) unless <see cref="SourceArchive"/> names a
/// tar.gz of its own in the sources container: a configuration version the terraform CLI uploaded for this run.
/// </remarks>
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
    /// <summary>The blob (in the sources container) this job's configuration comes from instead of the workspace's source.</summary>
    public string? SourceArchive { get; init; }

    public string Key => $"{Organization}/{Workspace}/{Id}";
}
