using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra;
using Stratus.Infra.Schedules;
using Stratus.Infra.Templates;
using Stratus.Infra.Workspaces;
using Stratus.Storage;

namespace Stratus.Api.Infra.Schedules;

/// <summary>
/// Schedules of a workspace (Terrakube's): a Quartz cron (UTC) that queues a job from a template at every firing while
/// enabled. The <c>infraSchedules</c> timer fires them.
/// </summary>
internal static class SchedulesApi
{
    private const string Example = """{"cron": "0 0 6 ? * MON-FRI", "template": "plan", "description": "Weekday drift check", "enabled": true}""";
    private const string ScheduleRoute = "/{scheduleId:" + InfraNameRouteConstraint.Name + "}";

    public static RouteGroupBuilder MapSchedulesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(InfraRoutes.Workspace + "/schedules").WithTags("Schedules")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListSchedules)
            .WithName("ListSchedules")
            .WithSummary("A workspace's schedules with their next and last firings.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.WorkspaceRead, ScopeKind.Workspace, "organization", "workspace");
        group.MapPost("/", CreateSchedule)
            .WithName("CreateSchedule")
            .WithSummary("Creates a schedule: a Quartz cron (UTC) that queues a job from a template.")
            .Accepts<ScheduleRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.ScheduleManage, ScopeKind.Workspace, "organization", "workspace");
        group.MapGet(ScheduleRoute, GetSchedule)
            .WithName("GetSchedule")
            .WithSummary("A schedule with its next firing and what its last firing did.")
            .RequirePermission(PermissionNames.WorkspaceRead, ScopeKind.Workspace, "organization", "workspace");
        group.MapPatch(ScheduleRoute, UpdateSchedule)
            .WithName("UpdateSchedule")
            .WithSummary("Changes a schedule's cron, template, description or enabled flag.")
            .Accepts<ScheduleRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.ScheduleManage, ScopeKind.Workspace, "organization", "workspace");
        group.MapDelete(ScheduleRoute, DeleteSchedule)
            .WithName("DeleteSchedule")
            .WithSummary("Removes a schedule; jobs it queued stay.")
            .RequirePermission(PermissionNames.ScheduleManage, ScopeKind.Workspace, "organization", "workspace");
        return api;
    }

    internal static Task<Results<Ok<PageResponse<ScheduleResponse>>, ProblemHttpResult>> ListSchedules(
        string organization, string workspace, int? limit, string? continuation, IWorkspaceLookup workspaces, ScheduleStore schedules, CancellationToken cancellationToken)
        => Paging.PageAsync(
            limit,
            size => schedules.ListAsync(organization, workspace, size, continuation, cancellationToken),
            ScheduleResponse.From,
            async () => await workspaces.FindAsync(organization, workspace, cancellationToken) is null ? InfraProblems.NoWorkspace(organization, workspace) : null);

    internal static async Task<Results<Created<ScheduleResponse>, ProblemHttpResult>> CreateSchedule(
        string organization,
        string workspace,
        HttpContext context,
        IWorkspaceLookup workspaces,
        TemplateStore templates,
        ScheduleStore schedules,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<ScheduleRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Cron is null)
        {
            return ApiProblems.Invalid($"The cron is required, in Quartz format (UTC), e.g. {Example}");
        }

        if (CheckCron(body.Cron) is { } cronProblem)
        {
            return cronProblem;
        }

        if (await workspaces.FindAsync(organization, workspace, cancellationToken) is null)
        {
            return InfraProblems.NoWorkspace(organization, workspace);
        }

        if (await CheckTemplateAsync(organization, body.Template, templates, cancellationToken) is { } templateProblem)
        {
            return templateProblem;
        }

        var now = time.GetUtcNow();
        var schedule = new Schedule(
            organization, workspace, ScheduleStore.NewId(), body.Cron, body.Template!, body.Description, body.Enabled ?? true, null, null, null, null, now, context.GetCaller().Describe(), now);
        var created = await schedules.CreateAsync(schedule, now, cancellationToken);
        if (created is null)
        {
            return ApiProblems.Conflict("A schedule with this id exists already; try again.");
        }

        return TypedResults.Created($"/api/v1/organizations/{organization}/workspaces/{workspace}/schedules/{created.Id}", ScheduleResponse.From(created));
    }

    internal static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> GetSchedule(
        string organization, string workspace, string scheduleId, ScheduleStore schedules, CancellationToken cancellationToken) =>
        await schedules.GetAsync(organization, workspace, scheduleId, cancellationToken) is { } schedule
            ? TypedResults.Ok(ScheduleResponse.From(schedule))
            : NoSchedule(organization, workspace, scheduleId);

    internal static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> UpdateSchedule(
        string organization,
        string workspace,
        string scheduleId,
        HttpContext context,
        TemplateStore templates,
        ScheduleStore schedules,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<ScheduleRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Cron is not null && CheckCron(body.Cron) is { } cronProblem)
        {
            return cronProblem;
        }

        if (await schedules.GetAsync(organization, workspace, scheduleId, cancellationToken) is null)
        {
            return NoSchedule(organization, workspace, scheduleId);
        }

        if (body.Template is not null && await CheckTemplateAsync(organization, body.Template, templates, cancellationToken) is { } templateProblem)
        {
            return templateProblem;
        }

        var updated = await schedules.UpdateAsync(organization, workspace, scheduleId, s => s with
        {
            Cron = body.Cron ?? s.Cron,
            Template = body.Template ?? s.Template,
            Description = body.Description ?? s.Description,
            Enabled = body.Enabled ?? s.Enabled,
        }, time.GetUtcNow(), cancellationToken);
        return updated is null ? NoSchedule(organization, workspace, scheduleId) : TypedResults.Ok(ScheduleResponse.From(updated));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteSchedule(
        string organization, string workspace, string scheduleId, ScheduleStore schedules, CancellationToken cancellationToken) =>
        await schedules.DeleteAsync(organization, workspace, scheduleId, cancellationToken)
            ? TypedResults.NoContent()
            : NoSchedule(organization, workspace, scheduleId);

    private static ProblemHttpResult? CheckCron(string cron) =>
        QuartzCronExpression.TryParse(cron, out _, out var problem) ? null : ApiProblems.Invalid(problem);

    private static async Task<ProblemHttpResult?> CheckTemplateAsync(string organization, string? template, TemplateStore templates, CancellationToken cancellationToken)
    {
        if (template is null)
        {
            return ApiProblems.Invalid($"The template is required: the id of one of the organization's templates (GET /api/v1/organizations/{organization}/templates lists them).");
        }

        if (InfraNames.Problem(template, "template") is { } nameProblem)
        {
            return ApiProblems.Invalid(nameProblem);
        }

        return await templates.GetAsync(organization, template, cancellationToken) is null
            ? ApiProblems.Invalid($"Organization '{organization}' has no template '{template}'. GET /api/v1/organizations/{organization}/templates lists them.")
            : null;
    }

    private static ProblemHttpResult NoSchedule(string organization, string workspace, string scheduleId) =>
        ApiProblems.NotFound($"Workspace '{workspace}' of organization '{organization}' has no schedule '{scheduleId}'.");
}
