namespace Stratus.Infra.State;

/// <summary>
/// One stored version of a workspace's state: its number (1, 2, … per workspace, never reused), what terraform put in
/// it (serial, lineage, terraform version), the content's size and hashes, and who wrote it, when, how and for which job.
/// <see cref="RolledBackFrom"/> names the version a rollback copied.
/// </summary>
public sealed record StateVersion(
    long Number,
    long Serial,
    string Lineage,
    long Size,
    string Sha256,
    string Md5,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string Source,
    string? JobId,
    long? RolledBackFrom,
    string? TerraformVersion,
    string BlobName);
