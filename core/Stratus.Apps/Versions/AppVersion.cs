namespace Stratus.Apps.Versions;

/// <summary>
/// One numbered version of an app: the image built (or given) for it and what runs from it. <see cref="Successful"/>
/// is set once a deploy of it completed; only successful, non-disabled versions are rollback targets.
/// <see cref="BuildManifest"/> is the tsuru.yaml snapshot (healthcheck, hooks) as JSON.
/// </summary>
public sealed record AppVersion(
    string App,
    int Number,
    string Status,
    string? Image,
    string? ManifestDigest,
    IReadOnlyDictionary<string, string> Processes,
    int? ExposedPort,
    string? BuildManifest,
    bool Successful,
    bool Disabled,
    string? DisabledReason,
    string CreatedBy,
    string? DeployId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool CanRollbackTo => Successful && !Disabled && Image is not null;
}
