namespace Stratus.Apps.Locks;

/// <summary>The operation no longer holds the app's lock (its lease expired and another operation took it, or it was released).</summary>
internal sealed class AppLockLostException(string app, string eventId)
    : Exception($"Event {eventId} no longer holds the lock of app '{app}': its lease expired and another operation may have taken it.")
{
    public string App { get; } = app;

    public string EventId { get; } = eventId;
}
