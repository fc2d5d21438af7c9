using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;
using Stratus.Infra.Variables;

namespace Stratus.Api.Infra.Variables;

/// <summary>The problem answers of the variable endpoints beyond <see cref="InfraProblems"/>: a 400 that names its field, and 412.</summary>
internal static class VariableProblems
{
    public static ProblemHttpResult Field(VariableProblem problem) => Field(problem.Field, problem.Detail);

    public static ProblemHttpResult Field(string field, string detail) => TypedResults.Problem(
        detail,
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid request",
        extensions: new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult Stale(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed");

    public static ProblemHttpResult NoVariable(VariableOwner owner, string id) =>
        ApiProblems.NotFound($"There is no variable '{id}' in {owner.Describe()}.");

    public static ProblemHttpResult NoCollection(string organization, string collection) =>
        ApiProblems.NotFound($"There is no collection '{collection}' in organization '{organization}'.");
}
