using Stratus.Apps.Events;

namespace Stratus.Api.Apps.Events;

/// <summary>An operation's event as Tsuru shows it: what it is about, who started it, how it ended, whether it can still be cancelled.</summary>
internal sealed record AppEventResponse(
    string Id,
    EventTarget Target,
    string Kind,
    string Owner,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string Status,
    string? Error,
    bool Cancelable,
    EventCancelInfo CancelInfo)
{
    public static AppEventResponse From(AppEvent e) => new(e.Id, e.Target, e.Kind, e.Owner, e.StartedAt, e.EndedAt, e.Status, e.Error, e.Cancelable, e.CancelInfo);
}
