namespace Stratus.Apps.Locks;

/// <summary>Who holds an app's operation lock, and until when: a holder that stops renewing loses it at <see cref="ExpiresAt"/>.</summary>
public sealed record AppLock(
    string App,
    string EventId,
    string Kind,
    string Owner,
    DateTimeOffset AcquiredAt,
    DateTimeOffset RenewedAt,
    DateTimeOffset ExpiresAt,
    string? ETag = null)
{
    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Tsuru's wording, for the 409 a refused operation returns.</summary>
    public string Describe() => $"event locked: app({App}) running {Kind} started by {Owner} at {AcquiredAt:O} (event {EventId})";
}
