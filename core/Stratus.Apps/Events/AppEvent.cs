namespace Stratus.Apps.Events;

/// <summary>
/// One operation on a target (a deploy, a rollback, an env change…), from start to end. <see cref="CustomData"/> is a
/// small JSON document of the operation's own (e.g. the deploy's version and image).
/// </summary>
public sealed record AppEvent(
    string Id,
    EventTarget Target,
    string Kind,
    string Owner,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string Status,
    string? Error,
    bool Cancelable,
    EventCancelInfo CancelInfo,
    string? CustomData)
{
    public bool Running => Status == EventStatus.Running;
}
