using System.Globalization;
using System.Text.Json.Nodes;

namespace Stratus.Api.Infra.Tfe;

/// <summary>
/// Errors of the TFE API: RFC 7807 problem details that also carry JSON:API's <c>errors</c> array, which go-tfe decodes
/// into the message terraform prints ("title", a blank line, "detail"). The JSON pointer names the part to fix.
/// </summary>
internal static class TfeProblems
{
    public static IResult Invalid(string pointer, string detail) => Problem(StatusCodes.Status422UnprocessableEntity, "Invalid request", detail, pointer);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict", detail);

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Permission required", detail);

    public static IResult Problem(int statusCode, string title, string detail, string? pointer = null)
    {
        var error = new JsonObject
        {
            ["status"] = statusCode.ToString(CultureInfo.InvariantCulture),
            ["title"] = title,
            ["detail"] = detail,
        };
        if (pointer is not null)
        {
            error["source"] = new JsonObject { ["pointer"] = pointer };
        }

        return TypedResults.Problem(detail, statusCode: statusCode, title: title, extensions: new Dictionary<string, object?> { ["errors"] = new JsonArray(error) });
    }

    /// <summary>Turns a Stratus API problem (from a shared handler) into a TFE error with the same status and detail.</summary>
    public static IResult From(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem) =>
        Problem(problem.StatusCode, problem.ProblemDetails.Title ?? "Error", problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "The request failed.");
}
