namespace Stratus.Apps.Deploys;

/// <summary>One entry of an app's deploy history. <see cref="Id"/> sorts newest first (see <see cref="TimeOrderedId"/>).</summary>
public sealed record Deploy(
    string Id,
    string App,
    int? Version,
    string? Image,
    string User,
    string Origin,
    string? Message,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    bool CanRollback,
    string? EventId)
{
    public TimeSpan? Duration => FinishedAt - StartedAt;

    public bool Finished => FinishedAt is not null;
}
