using Microsoft.AspNetCore.Http.HttpResults;

namespace Stratus.Api.Api;

/// <summary>The problem answers every area shares, so titles and paging rules stay the same across the API.</summary>
internal static class ApiProblems
{
    public const int MaxLimit = 200;

    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Permission required");

    public static ProblemHttpResult BadContinuation() =>
        Invalid("?continuation= is not a token this list returned: pass back the previous page's 'continuation' unchanged, or leave it out to start from the first page.");

    /// <returns>The page size, or the problem with <paramref name="limit"/>.</returns>
    public static (int Size, ProblemHttpResult? Problem) PageSize(int? limit)
    {
        var size = limit ?? 50;
        return size is < 1 or > MaxLimit ? (0, Invalid($"limit must be between 1 and {MaxLimit}; it was {size}.")) : (size, null);
    }
}
