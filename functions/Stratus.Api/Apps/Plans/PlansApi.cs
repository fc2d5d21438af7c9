using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Apps.Names;
using Stratus.Apps.Plans;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;

namespace Stratus.Api.Apps.Plans;

/// <summary>
/// Plans (Tsuru's <c>plan</c>): the CPU and memory each unit of an app gets. Anyone signed in may read them, since
/// choosing one is part of creating an app; changing them is for plan managers.
/// </summary>
internal static class PlansApi
{
    private const string Example = """{"name": "small", "cpuMilli": 250, "memory": "256Mi", "default": true}""";
    private const string UpdateExample = """{"cpuMilli": 500, "memory": "512Mi"}""";
    private const string PlanRoute = "/plans/{plan:appname}";

    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/plans").WithTags("Plans");
        group.MapGet("/", ListPlans)
            .WithName("ListPlans")
            .WithSummary("Every plan, by name, paged (?limit=, ?continuation=).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthenticatedCaller();
        group.MapPost("/", CreatePlan)
            .WithName("CreatePlan")
            .WithSummary("Creates a plan; making it the default takes that from the current default.")
            .Accepts<PlanRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.PlanManage);
        api.MapGet(PlanRoute, GetPlan)
            .WithName("GetPlan")
            .WithSummary("A plan.")
            .WithTags("Plans")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthenticatedCaller();
        api.MapPut(PlanRoute, UpdatePlan)
            .WithName("UpdatePlan")
            .WithSummary("Changes a plan's CPU, memory or default flag; omitted fields stay.")
            .WithTags("Plans")
            .Accepts<PlanRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.PlanManage);
        api.MapDelete(PlanRoute, DeletePlan)
            .WithName("DeletePlan")
            .WithSummary("Removes a plan.")
            .WithTags("Plans")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.PlanManage);
        return api;
    }

    internal static Task<Results<Ok<PageResponse<PlanResponse>>, ProblemHttpResult>> ListPlans(
        PlanStore plans, int? limit, string? continuation, CancellationToken cancellationToken) =>
        Paging.PageAsync(limit, size => plans.ListAsync(size, continuation, cancellationToken), PlanResponse.From);

    internal static async Task<Results<Created<PlanResponse>, ProblemHttpResult>> CreatePlan(HttpContext context, PlanStore plans, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<PlanRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        var (memory, memoryProblem) = body!.Memory is { } given ? PlanMemory.Parse(given) : (0, null);
        var plan = new Plan(body.Name ?? "", body.CpuMilli ?? 0, memory, body.Default ?? false);
        if ((memoryProblem ?? plan.Problem()) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        try
        {
            if (!await plans.CreateAsync(plan, cancellationToken))
            {
                return ApiProblems.Conflict($"A plan named '{plan.Name}' exists already. Change it with PUT /api/v1/plans/{plan.Name}, or choose another name.");
            }
        }
        catch (InvalidAppRequestException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }

        var created = await plans.GetAsync(plan.Name, cancellationToken) ?? plan;
        return TypedResults.Created($"/api/v1/plans/{plan.Name}", PlanResponse.From(created));
    }

    internal static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> GetPlan(string plan, PlanStore plans, CancellationToken cancellationToken) =>
        await plans.GetAsync(plan, cancellationToken) is { } found ? TypedResults.Ok(PlanResponse.From(found)) : NoPlan(plan);

    internal static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> UpdatePlan(string plan, HttpContext context, PlanStore plans, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<PlanRequest>(context.Request, UpdateExample, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Name is not null && body.Name != plan)
        {
            return ApiProblems.Invalid($"The body names plan '{body.Name}' but the URL names '{plan}'; plans cannot be renamed.");
        }

        var (memory, memoryProblem) = body.Memory is { } given ? PlanMemory.Parse(given) : (0, null);
        if (memoryProblem is not null)
        {
            return ApiProblems.Invalid(memoryProblem);
        }

        try
        {
            var updated = await plans.UpdateAsync(
                plan,
                p => p with { CpuMilli = body.CpuMilli ?? p.CpuMilli, MemoryBytes = body.Memory is null ? p.MemoryBytes : memory, Default = body.Default ?? p.Default },
                cancellationToken);
            return updated is null ? NoPlan(plan) : TypedResults.Ok(PlanResponse.From(updated));
        }
        catch (InvalidAppRequestException ex)
        {
            return ApiProblems.Invalid(ex.Message);
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeletePlan(string plan, PlanStore plans, CancellationToken cancellationToken) =>
        await plans.DeleteAsync(plan, cancellationToken) ? TypedResults.NoContent() : NoPlan(plan);

    private static ProblemHttpResult NoPlan(string plan) => ApiProblems.NotFound($"There is no plan '{plan}'. List the plans with 'stratus plan list'.");
}
