namespace Stratus.Apps.Events;

/// <summary>
/// Filters of <c>GET /events</c>. <see cref="Kinds"/> matches any of the kinds; <see cref="Since"/> and
/// <see cref="Until"/> bound the start time (inclusive); <see cref="ErrorOnly"/> keeps events that ended with an error.
/// </summary>
public sealed record AppEventFilter
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public EventTarget? Target { get; init; }

    public IReadOnlyList<string>? Kinds { get; init; }

    public string? Owner { get; init; }

    public bool? Running { get; init; }

    public bool ErrorOnly { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public int Limit { get; init; } = DefaultLimit;
}
