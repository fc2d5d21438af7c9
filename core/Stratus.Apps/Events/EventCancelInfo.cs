namespace Stratus.Apps.Events;

/// <summary>A request to cancel a running event, and whether the operation has seen it (<see cref="Acknowledged"/>).</summary>
public sealed record EventCancelInfo(bool Asked, string? By, string? Reason, DateTimeOffset? AskedAt, bool Acknowledged)
{
    public static EventCancelInfo None { get; } = new(false, null, null, null, false);
}
