namespace Stratus.Cli.Commands.Apps;

/// <summary>One entry of an app's deploy history; <see cref="Duration"/> in seconds, null while it runs.</summary>
internal sealed record AppDeployInfo(
    string Id,
    string App,
    int? Version,
    string? Image,
    string User,
    string Origin,
    string? Message,
    DateTimeOffset Timestamp,
    double? Duration,
    string? Error,
    bool CanRollback);
