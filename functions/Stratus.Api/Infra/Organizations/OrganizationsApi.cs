using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra;
using Stratus.Infra.Organizations;
using Stratus.Infra.Workspaces;
using Stratus.Storage;

namespace Stratus.Api.Infra.Organizations;

/// <summary>Organizations. Creating one seeds its default templates; removing one needs it to hold no workspaces.</summary>
internal static class OrganizationsApi
{
    private const string Example = """{"name": "acme", "description": "Acme platform"}""";

    public static RouteGroupBuilder MapOrganizationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations").WithTags("Organizations")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/", ListOrganizations)
            .WithName("ListOrganizations")
            .WithSummary("Organizations by name, paged.")
            .RequirePermission(PermissionNames.OrganizationRead);
        group.MapPost("/", CreateOrganization)
            .WithName("CreateOrganization")
            .WithSummary("Creates an organization and seeds its default templates.")
            .Accepts<OrganizationRequest>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.OrganizationManage);
        api.MapGet(InfraRoutes.Organization, GetOrganization)
            .WithName("GetOrganization")
            .WithSummary("An organization.")
            .WithTags("Organizations")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        api.MapPatch(InfraRoutes.Organization, UpdateOrganization)
            .WithName("UpdateOrganization")
            .WithSummary("Changes an organization's description.")
            .WithTags("Organizations")
            .Accepts<OrganizationRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.OrganizationManage, ScopeKind.Organization, "organization");
        api.MapDelete(InfraRoutes.Organization, DeleteOrganization)
            .WithName("DeleteOrganization")
            .WithSummary("Removes an organization that holds no workspaces.")
            .WithTags("Organizations")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.OrganizationManage, ScopeKind.Organization, "organization");
        return api;
    }

    internal static Task<Results<Ok<PageResponse<OrganizationResponse>>, ProblemHttpResult>> ListOrganizations(
        OrganizationStore organizations, int? limit, string? continuation, CancellationToken cancellationToken)
        => Paging.PageAsync(
            limit,
            size => organizations.ListAsync(size, continuation, cancellationToken),
            OrganizationResponse.From);

    internal static async Task<Results<Created<OrganizationResponse>, ProblemHttpResult>> CreateOrganization(
        HttpContext context, OrganizationStore organizations, IEnumerable<IOrganizationSeeder> seeders, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<OrganizationRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (InfraNames.Problem(body!.Name, "organization name") is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        var caller = context.GetCaller().Describe();
        var organization = new Organization(body.Name!, body.Description, time.GetUtcNow(), caller);
        if (!await organizations.CreateAsync(organization, cancellationToken))
        {
            return ApiProblems.Conflict($"An organization named '{organization.Name}' exists already.");
        }

        foreach (var seeder in seeders)
        {
            await seeder.SeedAsync(organization.Name, caller, cancellationToken);
        }

        return TypedResults.Created($"/api/v1/organizations/{organization.Name}", OrganizationResponse.From(organization));
    }

    internal static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> GetOrganization(string organization, OrganizationStore organizations, CancellationToken cancellationToken) =>
        await organizations.GetAsync(organization, cancellationToken) is { } found ? TypedResults.Ok(OrganizationResponse.From(found)) : InfraProblems.NoOrganization(organization);

    internal static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> UpdateOrganization(
        string organization, HttpContext context, OrganizationStore organizations, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<OrganizationRequest>(context.Request, """{"description": "…"}""", cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Name is not null && body.Name != organization)
        {
            return ApiProblems.Invalid($"The body names organization '{body.Name}' but the URL names '{organization}'; organizations cannot be renamed.");
        }

        return await organizations.UpdateAsync(organization, body.Description, cancellationToken) is { } updated
            ? TypedResults.Ok(OrganizationResponse.From(updated))
            : InfraProblems.NoOrganization(organization);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteOrganization(
        string organization, OrganizationStore organizations, WorkspaceStore workspaces, CancellationToken cancellationToken)
    {
        if (await organizations.GetAsync(organization, cancellationToken) is null)
        {
            return InfraProblems.NoOrganization(organization);
        }

        if (await workspaces.AnyAsync(organization, cancellationToken))
        {
            return ApiProblems.Conflict($"Organization '{organization}' still has workspaces; delete them first.");
        }

        await organizations.DeleteAsync(organization, cancellationToken);
        return TypedResults.NoContent();
    }
}
