using Stratus.Apps.Versions;

namespace Stratus.Api.Apps.Operations;

internal sealed record AppVersionResponse(
    int Version,
    string Status,
    string? Image,
    string? Digest,
    IReadOnlyDictionary<string, string> Processes,
    int? Port,
    bool Successful,
    bool Disabled,
    string? DisabledReason,
    bool CanRollback,
    string CreatedBy,
    string? DeployId,
    DateTimeOffset CreatedAt)
{
    public static AppVersionResponse From(AppVersion v) => new(
        v.Number, v.Status, v.Image, v.ManifestDigest, v.Processes, v.ExposedPort, v.Successful, v.Disabled, v.DisabledReason, v.CanRollbackTo, v.CreatedBy, v.DeployId, v.CreatedAt);
}
