using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Infra.Variables;
using Stratus.Storage;

namespace Stratus.Api.Infra.Variables;

/// <summary>
/// What workspace variables, globals and collection items have in common once their owner is found: list, create,
/// read, change (with optional <c>If-Match</c>) and delete. Responses carry the variable's version as <c>ETag</c>.
/// </summary>
internal static class VariableHandlers
{
    public const string CreateExample = """{"key": "region", "value": "westeurope", "category": "TERRAFORM", "description": "Where to deploy", "sensitive": false, "hcl": false}""";
    public const string UpdateExample = """{"value": "northeurope"}""";

    public static Task<Results<Ok<PageResponse<VariableResponse>>, ProblemHttpResult>> ListAsync(
        VariableOwner owner, VariableStore variables, int? limit, string? continuation, CancellationToken cancellationToken)
        => Paging.PageAsync(
            limit,
            size => variables.ListAsync(owner, size, continuation, cancellationToken),
            VariableResponse.From);

    /// <param name="create">Creates the variable; <c>null</c> when its owner has gone meanwhile (a collection being deleted).</param>
    public static async Task<Results<Created<VariableResponse>, ProblemHttpResult>> CreateAsync(
        HttpContext context, VariableOwner owner, Func<VariableInput, string, Task<Variable?>> create, ILogger logger, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<VariableRequest>(context.Request, CreateExample, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        var (input, invalid) = ToInput(body!);
        if (invalid is not null)
        {
            return invalid;
        }

        var actor = context.GetCaller().Describe();
        try
        {
            if (await create(input!, actor) is not { } created)
            {
                return ApiProblems.NotFound($"{owner.Describe()} does not exist (any more).");
            }

            VariablesLog.VariableChanged(logger, "created", owner.Describe(), created.Key, actor);
            context.Response.Headers.ETag = created.Version;
            return TypedResults.Created($"/api/v1{owner.ApiPath}/{created.Id}", VariableResponse.From(created));
        }
        catch (VariableValidationException ex)
        {
            return VariableProblems.Field(ex.Problem);
        }
        catch (VariableConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
    }

    public static async Task<Results<Ok<VariableResponse>, ProblemHttpResult>> GetAsync(
        HttpContext context, VariableOwner owner, string id, VariableStore variables, CancellationToken cancellationToken)
    {
        if (await variables.GetAsync(owner, id, cancellationToken) is not { } variable)
        {
            return VariableProblems.NoVariable(owner, id);
        }

        context.Response.Headers.ETag = variable.Version;
        return TypedResults.Ok(VariableResponse.From(variable));
    }

    public static async Task<Results<Ok<VariableResponse>, ProblemHttpResult>> UpdateAsync(
        HttpContext context, VariableOwner owner, string id, VariableStore variables, ILogger logger, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<VariableRequest>(context.Request, UpdateExample, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        var (patch, invalid) = ToPatch(body!);
        if (invalid is not null)
        {
            return invalid;
        }

        var actor = context.GetCaller().Describe();
        try
        {
            if (await variables.UpdateAsync(owner, id, patch!, IfMatch(context), actor, cancellationToken) is not { } updated)
            {
                return VariableProblems.NoVariable(owner, id);
            }

            VariablesLog.VariableChanged(logger, "updated", owner.Describe(), updated.Key, actor);
            context.Response.Headers.ETag = updated.Version;
            return TypedResults.Ok(VariableResponse.From(updated));
        }
        catch (VariableValidationException ex)
        {
            return VariableProblems.Field(ex.Problem);
        }
        catch (VariableConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
        catch (StaleVersionException ex)
        {
            return VariableProblems.Stale(ex.Message);
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        HttpContext context, VariableOwner owner, string id, VariableStore variables, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            if (!await variables.DeleteAsync(owner, id, IfMatch(context), cancellationToken))
            {
                return VariableProblems.NoVariable(owner, id);
            }
        }
        catch (StaleVersionException ex)
        {
            return VariableProblems.Stale(ex.Message);
        }

        VariablesLog.VariableChanged(logger, "deleted", owner.Describe(), id, context.GetCaller().Describe());
        return TypedResults.NoContent();
    }

    public static (VariableInput? Input, ProblemHttpResult? Problem) ToInput(VariableRequest body)
    {
        var (category, problem) = ParseCategory(body.Category);
        if (problem is not null)
        {
            return (null, problem);
        }

        var input = new VariableInput(body.Key ?? "", category ?? VariableCategory.Terraform, body.Value, body.Description, body.Sensitive ?? false, body.Hcl ?? false);
        return VariableRules.Check(input) is { } invalid ? (null, VariableProblems.Field(invalid)) : (input, null);
    }

    public static (VariablePatch? Patch, ProblemHttpResult? Problem) ToPatch(VariableRequest body)
    {
        var (category, problem) = ParseCategory(body.Category);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (body is { Key: null, Value: null, Description: null, Category: null, Sensitive: null, Hcl: null })
        {
            return (null, ApiProblems.Invalid($"The request changes nothing: send at least one of key, value, description, category, sensitive or hcl, e.g. {UpdateExample}."));
        }

        return (new VariablePatch(body.Key, category, body.Value, body.Description, body.Sensitive, body.Hcl), null);
    }

    public static string? IfMatch(HttpContext context) =>
        context.Request.Headers.IfMatch.ToString() is { Length: > 0 } value ? value.Trim() : null;

    private static (VariableCategory? Category, ProblemHttpResult? Problem) ParseCategory(string? text) => text?.ToUpperInvariant() switch
    {
        null => (null, null),
        "TERRAFORM" => (VariableCategory.Terraform, null),
        "ENV" => (VariableCategory.Env, null),
        _ => (null, VariableProblems.Field("category", $"The category '{text}' is not known: use TERRAFORM or ENV.")),
    };
}
