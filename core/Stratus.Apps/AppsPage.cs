namespace Stratus.Apps;

/// <summary>A page of a list; pass <see cref="ContinuationToken"/> back for the next one (<c>null</c> at the end).</summary>
public sealed record AppsPage<T>(IReadOnlyList<T> Items, string? ContinuationToken);
