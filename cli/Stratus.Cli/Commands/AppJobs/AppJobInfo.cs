namespace Stratus.Cli.Commands.AppJobs;

internal sealed record AppJobInfo(
    string Name,
    string TeamOwner,
    string Pool,
    string Plan,
    string? Description,
    IReadOnlyList<string>? Tags,
    AppJobContainerInfo Container,
    string? Schedule,
    bool Manual,
    string ConcurrencyPolicy,
    long ActiveDeadlineSeconds,
    int? BackoffLimit,
    DateTimeOffset? NextDueAt,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
