namespace Stratus.Cli.Commands.Apps;

/// <summary>One numbered version of an app as the API answers it.</summary>
internal sealed record AppVersionInfo(
    int Version,
    string Status,
    string? Image,
    string? Digest,
    IReadOnlyDictionary<string, string>? Processes,
    int? Port,
    bool Successful,
    bool Disabled,
    string? DisabledReason,
    bool CanRollback,
    string CreatedBy,
    string? DeployId,
    DateTimeOffset CreatedAt);
