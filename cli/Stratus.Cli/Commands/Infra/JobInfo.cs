namespace Stratus.Cli.Commands.Infra;

/// <summary>A job with its steps (the list leaves them out).</summary>
internal sealed record JobInfo(
    int Id,
    string Organization,
    string Workspace,
    string Status,
    string Template,
    string Via,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ApprovalTeam,
    bool? PlanChanges,
    int? StateVersion,
    string? Reason,
    string? DecidedBy,
    IReadOnlyList<JobStepInfo>? Steps);
