namespace Stratus.Cli.Commands.AppJobs;

internal sealed record AppJobRunInfo(
    string Id,
    string Job,
    string Trigger,
    DateTimeOffset? DueAt,
    string Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? Image,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    int Attempts,
    string? Error)
{
    public bool Ended => Status is "succeeded" or "failed";
}
