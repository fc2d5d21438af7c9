namespace Stratus.Infra.ConfigurationVersions;

/// <summary>
/// A configuration the terraform CLI uploads for one run (HCP Terraform's configuration version): created
/// <see cref="Pending"/> with a one-time upload secret (only its SHA-256 is kept), then <see cref="Uploaded"/> with the
/// validated tar.gz in the sources container. <see cref="Speculative"/> ones only ever plan.
/// </summary>
public sealed record ConfigurationVersion(
    string Id,
    string Organization,
    string Workspace,
    string Status,
    bool Speculative,
    string UploadSecretSha256,
    string? ArchiveBlob,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public const string Pending = "pending";
    public const string Uploaded = "uploaded";
}
