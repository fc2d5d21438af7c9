using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra;
using Stratus.Infra.Organizations;
using Stratus.Infra.Templates;
using Stratus.Storage;

namespace Stratus.Api.Infra.Templates;

/// <summary>An organization's templates: TCL YAML stored as given, validated on save with line-and-field errors.</summary>
internal static class TemplatesApi
{
    /// <summary>Table properties hold 32 K characters; templates stay under that.</summary>
    public const int MaxTclChars = 32_000;
    private const string Example = """{"name": "Plan and apply", "tcl": "flow:\n- type: terraformPlan\n  step: 100\n- type: terraformApply\n  step: 200\n"}""";
    private const string TemplateRoute = "/{template:" + InfraNameRouteConstraint.Name + "}";

    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(InfraRoutes.Organization + "/templates").WithTags("Templates");
        group.MapGet("/", ListTemplates)
            .WithName("ListTemplates")
            .WithSummary("An organization's templates, paged.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        group.MapPost("/", CreateTemplate)
            .WithName("CreateTemplate")
            .WithSummary("Adds a template after validating its TCL.")
            .Accepts<TemplateRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.TemplateManage, ScopeKind.Organization, "organization");
        group.MapPost("/validate", ValidateTemplate)
            .WithName("ValidateTemplate")
            .WithSummary("Checks a template's TCL as a save would, without saving it: valid with its flows, or every problem with its line and field.")
            .Accepts<TemplateValidationRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        group.MapGet(TemplateRoute, GetTemplate)
            .WithName("GetTemplate")
            .WithSummary("A template with its TCL.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        group.MapPut(TemplateRoute, ReplaceTemplate)
            .WithName("ReplaceTemplate")
            .WithSummary("Replaces a template's name, description and TCL; queued jobs keep the TCL they started with.")
            .Accepts<TemplateRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.TemplateManage, ScopeKind.Organization, "organization");
        group.MapDelete(TemplateRoute, DeleteTemplate)
            .WithName("DeleteTemplate")
            .WithSummary("Removes a template.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.TemplateManage, ScopeKind.Organization, "organization");
        return api;
    }

    internal static Task<Results<Ok<PageResponse<TemplateResponse>>, ProblemHttpResult>> ListTemplates(
        string organization, IOrganizationLookup organizations, TemplateStore templates, int? limit, string? continuation, CancellationToken cancellationToken)
        => Paging.PageAsync(
            limit,
            size => templates.ListAsync(organization, size, continuation, cancellationToken),
            TemplateResponse.From,
            async () => !await organizations.OrganizationExistsAsync(organization, cancellationToken) ? InfraProblems.NoOrganization(organization) : null);

    internal static async Task<Results<Created<TemplateResponse>, ProblemHttpResult>> CreateTemplate(
        string organization, HttpContext context, IOrganizationLookup organizations, TemplateStore templates, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<TemplateRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        var (template, invalid) = Validate(organization, body!, body!.Id ?? (body.Name is null ? null : StoredTemplate.Slug(body.Name)), context.GetCaller().Describe(), time);
        if (invalid is not null)
        {
            return invalid;
        }

        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return InfraProblems.NoOrganization(organization);
        }

        return await templates.CreateAsync(template!, cancellationToken)
            ? TypedResults.Created($"/api/v1/organizations/{organization}/templates/{template!.Id}", TemplateResponse.From(template))
            : ApiProblems.Conflict($"Organization '{organization}' has a template '{template!.Id}' already; PUT it to change it.");
    }

    internal static async Task<Results<Ok<TemplateValidationResponse>, ProblemHttpResult>> ValidateTemplate(
        string organization, HttpContext context, IOrganizationLookup organizations, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<TemplateValidationRequest>(context.Request, """{"tcl": "flow:\n- type: terraformPlan\n  step: 100\n"}""", cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (string.IsNullOrWhiteSpace(body!.Tcl))
        {
            return ApiProblems.Invalid("Send the template's TCL (YAML) in 'tcl'.");
        }

        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return InfraProblems.NoOrganization(organization);
        }

        return TypedResults.Ok(TemplateValidationResponse.From(Parse(body.Tcl)));
    }

    internal static async Task<Results<Ok<TemplateResponse>, ProblemHttpResult>> GetTemplate(string organization, string template, TemplateStore templates, CancellationToken cancellationToken) =>
        await templates.GetAsync(organization, template, cancellationToken) is { } found
            ? TypedResults.Ok(TemplateResponse.From(found))
            : ApiProblems.NotFound($"Organization '{organization}' has no template '{template}'.");

    internal static async Task<Results<Ok<TemplateResponse>, ProblemHttpResult>> ReplaceTemplate(
        string organization, string template, HttpContext context, TemplateStore templates, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<TemplateRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Id is not null && body.Id != template)
        {
            return ApiProblems.Invalid($"The body names template '{body.Id}' but the URL names '{template}'; template ids cannot change.");
        }

        var (updated, invalid) = Validate(organization, body, template, context.GetCaller().Describe(), time);
        if (invalid is not null)
        {
            return invalid;
        }

        return await templates.ReplaceAsync(updated!, cancellationToken)
            ? TypedResults.Ok(TemplateResponse.From(updated!))
            : ApiProblems.NotFound($"Organization '{organization}' has no template '{template}'.");
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteTemplate(string organization, string template, TemplateStore templates, CancellationToken cancellationToken) =>
        await templates.DeleteAsync(organization, template, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound($"Organization '{organization}' has no template '{template}'.");

    private static (StoredTemplate? Template, ProblemHttpResult? Problem) Validate(string organization, TemplateRequest body, string? id, string caller, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 100)
        {
            return (null, ApiProblems.Invalid("A template needs a name of 1–100 characters."));
        }

        if (InfraNames.Problem(id, "template id") is { } idProblem)
        {
            return (null, ApiProblems.Invalid(idProblem));
        }

        if (string.IsNullOrWhiteSpace(body.Tcl))
        {
            return (null, ApiProblems.Invalid("A template needs its TCL (YAML) in 'tcl'."));
        }

        if (body.Tcl.Length > MaxTclChars)
        {
            return (null, ApiProblems.Invalid($"The TCL has {body.Tcl.Length} characters; templates hold at most {MaxTclChars}."));
        }

        var parsed = Parse(body.Tcl);
        return parsed.Problems.Count > 0
            ? (null, TemplateProblems.Invalid(parsed.Problems))
            : (new StoredTemplate(organization, id!, body.Name, body.Description, body.Tcl, time.GetUtcNow(), caller), null);
    }

    // The schedules a scheduleTemplates flow creates must have cron expressions the schedules API would accept.
    private static TclParseResult Parse(string tcl) =>
        TclParser.Parse(tcl, text => Stratus.Infra.Schedules.QuartzCronExpression.TryParse(text, out _, out var cron) ? null : cron);
}
