namespace Stratus.Functions.Identity.Contracts;

/// <summary>A page of a list; send <see cref="Continuation"/> back as <c>?continuation=</c> for the next page.</summary>
internal sealed record ListPage<T>(IReadOnlyList<T> Items, string? Continuation);
