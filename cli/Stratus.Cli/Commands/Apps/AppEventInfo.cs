namespace Stratus.Cli.Commands.Apps;

/// <summary>An app event (one operation, from start to end) as the API answers it; <see cref="Status"/> is running, succeeded, failed or canceled.</summary>
internal sealed record AppEventInfo(
    string Id,
    string Kind,
    string Owner,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string Status,
    string? Error,
    bool Cancelable)
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";

    public bool Ended => Status != Running;
}
