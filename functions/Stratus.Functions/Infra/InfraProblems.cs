using Microsoft.AspNetCore.Http.HttpResults;

namespace Stratus.Functions.Infra;

/// <summary>The problem answers the infra endpoints share.</summary>
internal static class InfraProblems
{
    public const int MaxLimit = 200;

    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult NoWorkspace(string organization, string workspace) =>
        NotFound($"There is no workspace '{workspace}' in organization '{organization}'.");

    public static ProblemHttpResult NoOrganization(string organization) => NotFound($"There is no organization '{organization}'.");

    public static ProblemHttpResult BadContinuation() =>
        Invalid("The continuation token is not valid; pass back the one the previous page returned.");

    /// <returns>The page size, or the problem with <paramref name="limit"/>.</returns>
    public static (int Size, ProblemHttpResult? Problem) PageSize(int? limit)
    {
        var size = limit ?? 50;
        return size is < 1 or > MaxLimit ? (0, Invalid($"limit must be between 1 and {MaxLimit}; it was {size}.")) : (size, null);
    }
}
