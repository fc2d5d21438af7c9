namespace Stratus.Api.Events;

/// <summary>
/// Something that happened on the platform, as Tsuru records events: what (<see cref="Kind"/>, e.g. <c>app.deploy</c>),
/// to what (<see cref="Target"/>, e.g. <c>app:web</c>), by whom, when, with what outcome, plus small JSON details.
/// Producers enqueue it; the events function records it once, however often the message is delivered.
/// </summary>
public sealed record PlatformEvent(
    Guid Id,
    string Kind,
    string Target,
    string Actor,
    DateTimeOffset At,
    string Status,
    string? Data = null);
