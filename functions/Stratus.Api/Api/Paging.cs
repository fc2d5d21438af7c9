using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Apps;
using Stratus.Identity.Stores;
using Stratus.Infra;
using Stratus.Storage;

namespace Stratus.Api.Api;

/// <summary>
/// Every paged list answers the same way: <c>limit</c> is checked first (400), then what must exist (404), then one page
/// is read; a continuation token the store cannot read is the caller's mistake (400), not a server error.
/// </summary>
internal static class Paging
{
    /// <param name="limit">The <c>?limit=</c> asked for; 50 when absent.</param>
    /// <param name="read">Reads one page of the given size (the caller passes its <c>?continuation=</c> through).</param>
    /// <param name="map">Turns a stored item into its response.</param>
    /// <param name="mustExist">What the list belongs to, checked after the limit: a problem when it is missing.</param>
    public static Task<Results<Ok<PageResponse<TOut>>, ProblemHttpResult>> PageAsync<TItem, TOut>(
        int? limit, Func<int, Task<InfraPage<TItem>>> read, Func<TItem, TOut> map, Func<Task<ProblemHttpResult?>>? mustExist = null) =>
        PageAsync(limit, async size =>
        {
            var page = await read(size);
            return (page.Items, page.ContinuationToken);
        }, map, mustExist);

    /// <inheritdoc cref="PageAsync{TItem,TOut}(int?,Func{int,Task{InfraPage{TItem}}},Func{TItem,TOut},Func{Task{ProblemHttpResult}})"/>
    public static Task<Results<Ok<PageResponse<TOut>>, ProblemHttpResult>> PageAsync<TItem, TOut>(
        int? limit, Func<int, Task<IdentityPage<TItem>>> read, Func<TItem, TOut> map, Func<Task<ProblemHttpResult?>>? mustExist = null) =>
        PageAsync(limit, async size =>
        {
            var page = await read(size);
            return (page.Items, page.ContinuationToken);
        }, map, mustExist);

    /// <inheritdoc cref="PageAsync{TItem,TOut}(int?,Func{int,Task{InfraPage{TItem}}},Func{TItem,TOut},Func{Task{ProblemHttpResult}})"/>
    public static Task<Results<Ok<PageResponse<TOut>>, ProblemHttpResult>> PageAsync<TItem, TOut>(
        int? limit, Func<int, Task<AppsPage<TItem>>> read, Func<TItem, TOut> map, Func<Task<ProblemHttpResult?>>? mustExist = null) =>
        PageAsync(limit, async size =>
        {
            var page = await read(size);
            return (page.Items, page.ContinuationToken);
        }, map, mustExist);

    /// <summary>
    /// A list that answers a bare array (Tsuru-style clients read it as one) pages the way GitHub does: the body stays
    /// the array and, when there is more, an RFC 8288 <c>Link: &lt;…?limit=N&amp;continuation=…&gt;; rel="next"</c>
    /// header gives the next page's address (the request's other query parameters kept).
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<TOut>>, ProblemHttpResult>> PageArrayAsync<TItem, TOut>(
        HttpContext context, int? limit, Func<int, Task<IdentityPage<TItem>>> read, Func<TItem, TOut> map, Func<Task<ProblemHttpResult?>>? mustExist = null)
    {
        var size = 0;
        var result = await PageAsync(limit, async asked =>
        {
            size = asked;
            var page = await read(asked);
            return (page.Items, page.ContinuationToken);
        }, map, mustExist);
        if (result.Result is not Ok<PageResponse<TOut>> { Value: { } page })
        {
            return (ProblemHttpResult)result.Result;
        }

        if (page.Continuation is { } next)
        {
            context.Response.Headers.Link = NextLink(context.Request, size, next);
        }

        return TypedResults.Ok(page.Items);
    }

    private static string NextLink(HttpRequest request, int size, string continuation)
    {
        var query = request.Query
            .Where(q => q.Key is not ("limit" or "continuation"))
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .Append(KeyValuePair.Create("limit", (string?)size.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(KeyValuePair.Create("continuation", (string?)continuation));
        return $"<{request.PathBase}{request.Path}{QueryString.Create(query)}>; rel=\"next\"";
    }

    private static async Task<Results<Ok<PageResponse<TOut>>, ProblemHttpResult>> PageAsync<TItem, TOut>(
        int? limit,
        Func<int, Task<(IReadOnlyList<TItem> Items, string? Continuation)>> read,
        Func<TItem, TOut> map,
        Func<Task<ProblemHttpResult?>>? mustExist)
    {
        var (size, problem) = ApiProblems.PageSize(limit);
        if (problem is not null)
        {
            return problem;
        }

        if (mustExist is not null && await mustExist() is { } missing)
        {
            return missing;
        }

        try
        {
            var (items, continuation) = await read(size);
            return TypedResults.Ok(new PageResponse<TOut>(items.Select(map).ToList(), continuation));
        }
        catch (InvalidStorageRequestException)
        {
            return ApiProblems.BadContinuation();
        }
    }
}
