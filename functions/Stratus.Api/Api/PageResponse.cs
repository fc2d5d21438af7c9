namespace Stratus.Api.Api;

/// <summary>A page of a list; send <see cref="Continuation"/> back as <c>?continuation=</c> for the next page.</summary>
internal sealed record PageResponse<T>(IReadOnlyList<T> Items, string? Continuation);
