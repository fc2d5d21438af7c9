using Stratus.Infra.State;

namespace Stratus.Api.Infra.State;

/// <summary>
/// One state version. <c>serial</c> and <c>lineage</c> are terraform's; <c>md5</c> is Base64 (as in <c>Content-MD5</c>),
/// <c>sha256</c> hex; <c>source</c> is <c>backend</c>, <c>rollback</c> (then <c>rolledBackFrom</c>), <c>job</c> (then <c>jobId</c>) or <c>tfe</c> (the TFE API).
/// </summary>
internal sealed record StateVersionResponse(
    long Version,
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
    bool Current)
{
    public static StateVersionResponse From(StateVersion version, long? currentVersion) => new(
        version.Number,
        version.Serial,
        version.Lineage,
        version.Size,
        version.Sha256,
        version.Md5,
        version.CreatedAt,
        version.CreatedBy,
        version.Source,
        version.JobId,
        version.RolledBackFrom,
        version.TerraformVersion,
        version.Number == currentVersion);
}
