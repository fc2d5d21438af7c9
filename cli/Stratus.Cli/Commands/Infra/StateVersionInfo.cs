namespace Stratus.Cli.Commands.Infra;

/// <summary>One version of a workspace's state; <see cref="Source"/> is <c>backend</c>, <c>rollback</c> or <c>job</c>.</summary>
internal sealed record StateVersionInfo(
    long Version,
    long Serial,
    string Lineage,
    long Size,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string Source,
    string? JobId,
    long? RolledBackFrom,
    string? TerraformVersion,
    bool Current);
