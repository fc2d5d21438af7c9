using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Infra.Templates;

namespace Stratus.Api.Infra.Templates;

/// <summary>A template that fails validation: a 400 whose <c>errors</c> list every problem with its line and field.</summary>
internal static class TemplateProblems
{
    public static ProblemHttpResult Invalid(IReadOnlyList<TclProblem> problems) => TypedResults.Problem(
        detail: $"The template's TCL has {problems.Count} problem(s); the first: {problems[0]}.",
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid template",
        extensions: new Dictionary<string, object?>
        {
            ["errors"] = problems.Select(p => new { line = p.Line, column = p.Column, field = p.Field, message = p.Message, text = p.ToString() }).ToList(),
        });
}
