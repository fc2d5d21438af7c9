namespace Stratus.Apps.Events;

/// <summary>Log text read from <c>offset</c>; pass <see cref="NextOffset"/> to the next read to follow the log.</summary>
public sealed record AppEventLog(string Text, long NextOffset);
