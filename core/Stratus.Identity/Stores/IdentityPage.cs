namespace Stratus.Identity.Stores;

/// <summary>A page of a list; pass <see cref="ContinuationToken"/> back for the next one (<c>null</c> at the end).</summary>
public sealed record IdentityPage<T>(IReadOnlyList<T> Items, string? ContinuationToken)
{
    public IdentityPage<TOut> Select<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), ContinuationToken);
}
