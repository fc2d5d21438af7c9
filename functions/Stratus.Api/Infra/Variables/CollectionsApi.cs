using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra.Organizations;
using Stratus.Infra.Variables;
using Stratus.Infra.Workspaces;
using Stratus.Storage;

namespace Stratus.Api.Infra.Variables;

/// <summary>
/// Collections (Terrakube's variable sets): named, prioritised groups of variables an organization applies to the
/// workspaces that reference them. Reading needs <c>organization.read</c>; every change <c>collection.manage</c>.
/// </summary>
internal static class CollectionsApi
{
    private const string CreateExample = """{"name": "aws-prod", "description": "Production AWS credentials", "priority": 10}""";
    private const string UpdateExample = """{"priority": 20}""";
    private const string CollectionRoute = "/{collection:" + InfraNameRouteConstraint.Name + "}";
    private const string ItemRoute = CollectionRoute + "/items/{variableId:" + InfraNameRouteConstraint.Name + "}";
    private const string ReferenceRoute = CollectionRoute + "/references/{workspace:" + InfraNameRouteConstraint.Name + "}";

    public static RouteGroupBuilder MapCollectionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(InfraRoutes.Organization + "/collections").WithTags("Variables")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListCollections)
            .WithName("ListCollections")
            .WithSummary("An organization's collections by name, paged.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        group.MapPost("/", CreateCollection)
            .WithName("CreateCollection")
            .WithSummary("Creates a collection; among collections the higher priority wins a key.")
            .Accepts<CollectionRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.CollectionManage, ScopeKind.Organization, "organization");
        group.MapGet(CollectionRoute, GetCollection)
            .WithName("GetCollection")
            .WithSummary("A collection (its version in ETag).")
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        group.MapPatch(CollectionRoute, UpdateCollection)
            .WithName("UpdateCollection")
            .WithSummary("Changes a collection's description or priority. Honours If-Match.")
            .Accepts<CollectionRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .RequirePermission(PermissionNames.CollectionManage, ScopeKind.Organization, "organization");
        group.MapDelete(CollectionRoute, DeleteCollection)
            .WithName("DeleteCollection")
            .WithSummary("Removes a collection with its items and references. Honours If-Match.")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .RequirePermission(PermissionNames.CollectionManage, ScopeKind.Organization, "organization");

        group.MapGet(CollectionRoute + "/items", ListItems)
            .WithName("ListCollectionItems")
            .WithSummary("A collection's variables by category and key, paged; sensitive values are never shown.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        group.MapPost(CollectionRoute + "/items", AddItem)
            .WithName("AddCollectionItem")
            .WithSummary("Adds a variable to a collection.")
            .Accepts<VariableRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.CollectionManage, ScopeKind.Organization, "organization");
        group.MapGet(ItemRoute, GetItem)
            .WithName("GetCollectionItem")
            .WithSummary("A variable of a collection (its version in ETag).")
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        group.MapPatch(ItemRoute, UpdateItem)
            .WithName("UpdateCollectionItem")
            .WithSummary("Changes a variable of a collection; only the properties sent change. Honours If-Match.")
            .Accepts<VariableRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .RequirePermission(PermissionNames.CollectionManage, ScopeKind.Organization, "organization");
        group.MapDelete(ItemRoute, DeleteItem)
            .WithName("DeleteCollectionItem")
            .WithSummary("Removes a variable from a collection. Honours If-Match.")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .RequirePermission(PermissionNames.CollectionManage, ScopeKind.Organization, "organization");

        group.MapGet(CollectionRoute + "/references", ListReferences)
            .WithName("ListCollectionReferences")
            .WithSummary("The workspaces a collection applies to.")
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        group.MapPut(ReferenceRoute, AddReference)
            .WithName("AddCollectionReference")
            .WithSummary("Applies a collection to a workspace (no change if it already does).")
            .RequirePermission(PermissionNames.CollectionManage, ScopeKind.Organization, "organization");
        group.MapDelete(ReferenceRoute, RemoveReference)
            .WithName("RemoveCollectionReference")
            .WithSummary("Stops applying a collection to a workspace.")
            .RequirePermission(PermissionNames.CollectionManage, ScopeKind.Organization, "organization");
        return api;
    }

    internal static Task<Results<Ok<PageResponse<CollectionResponse>>, ProblemHttpResult>> ListCollections(
        string organization, [FromServices] IOrganizationLookup organizations, CollectionStore collections, int? limit, string? continuation, CancellationToken cancellationToken)
        => Paging.PageAsync(
            limit,
            size => collections.ListAsync(organization, size, continuation, cancellationToken),
            CollectionResponse.From,
            async () => !await organizations.OrganizationExistsAsync(organization, cancellationToken) ? InfraProblems.NoOrganization(organization) : null);

    internal static async Task<Results<Created<CollectionResponse>, ProblemHttpResult>> CreateCollection(
        string organization, HttpContext context, [FromServices] IOrganizationLookup organizations, CollectionStore collections, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return InfraProblems.NoOrganization(organization);
        }

        var (body, problem) = await JsonRequestBody.ReadAsync<CollectionRequest>(context.Request, CreateExample, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        var actor = context.GetCaller().Describe();
        try
        {
            var created = await collections.CreateAsync(organization, body!.Name ?? "", body.Description, body.Priority ?? 0, actor, cancellationToken);
            VariablesLog.CollectionChanged(VariablesApi.Logger(loggers), "created", organization, created.Name, actor);
            context.Response.Headers.ETag = created.Version;
            return TypedResults.Created($"/api/v1/organizations/{organization}/collections/{created.Name}", CollectionResponse.From(created));
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

    internal static async Task<Results<Ok<CollectionResponse>, ProblemHttpResult>> GetCollection(
        string organization, string collection, HttpContext context, [FromServices] IOrganizationLookup organizations, CollectionStore collections, CancellationToken cancellationToken)
    {
        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return InfraProblems.NoOrganization(organization);
        }

        if (await collections.GetAsync(organization, collection, cancellationToken) is not { } found)
        {
            return VariableProblems.NoCollection(organization, collection);
        }

        context.Response.Headers.ETag = found.Version;
        return TypedResults.Ok(CollectionResponse.From(found));
    }

    internal static async Task<Results<Ok<CollectionResponse>, ProblemHttpResult>> UpdateCollection(
        string organization, string collection, HttpContext context, [FromServices] IOrganizationLookup organizations, CollectionStore collections, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<CollectionRequest>(context.Request, UpdateExample, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Name is not null && body.Name != collection)
        {
            return VariableProblems.Field("name", $"The body names collection '{body.Name}' but the URL names '{collection}'; collections cannot be renamed.");
        }

        if (body is { Description: null, Priority: null })
        {
            return ApiProblems.Invalid($"The request changes nothing: send description or priority, e.g. {UpdateExample}.");
        }

        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return InfraProblems.NoOrganization(organization);
        }

        var actor = context.GetCaller().Describe();
        try
        {
            if (await collections.UpdateAsync(organization, collection, body.Description, body.Priority, VariableHandlers.IfMatch(context), actor, cancellationToken) is not { } updated)
            {
                return VariableProblems.NoCollection(organization, collection);
            }

            VariablesLog.CollectionChanged(VariablesApi.Logger(loggers), "updated", organization, collection, actor);
            context.Response.Headers.ETag = updated.Version;
            return TypedResults.Ok(CollectionResponse.From(updated));
        }
        catch (VariableValidationException ex)
        {
            return VariableProblems.Field(ex.Problem);
        }
        catch (StaleVersionException ex)
        {
            return VariableProblems.Stale(ex.Message);
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteCollection(
        string organization, string collection, HttpContext context, [FromServices] IOrganizationLookup organizations, CollectionStore collections, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return InfraProblems.NoOrganization(organization);
        }

        try
        {
            if (!await collections.DeleteAsync(organization, collection, VariableHandlers.IfMatch(context), cancellationToken))
            {
                return VariableProblems.NoCollection(organization, collection);
            }
        }
        catch (StaleVersionException ex)
        {
            return VariableProblems.Stale(ex.Message);
        }

        VariablesLog.CollectionChanged(VariablesApi.Logger(loggers), "deleted", organization, collection, context.GetCaller().Describe());
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<PageResponse<VariableResponse>>, ProblemHttpResult>> ListItems(
        string organization, string collection, [FromServices] IOrganizationLookup organizations, CollectionStore collections, VariableStore variables, int? limit, string? continuation, CancellationToken cancellationToken) =>
        await MissingAsync(organization, collection, organizations, collections, cancellationToken) is { } missing
            ? missing
            : await VariableHandlers.ListAsync(VariableOwner.ForCollection(organization, collection), variables, limit, continuation, cancellationToken);

    internal static async Task<Results<Created<VariableResponse>, ProblemHttpResult>> AddItem(
        string organization, string collection, HttpContext context, [FromServices] IOrganizationLookup organizations, CollectionStore collections, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await MissingAsync(organization, collection, organizations, collections, cancellationToken) is { } missing)
        {
            return missing;
        }

        return await VariableHandlers.CreateAsync(
            context,
            VariableOwner.ForCollection(organization, collection),
            (input, actor) => collections.AddItemAsync(organization, collection, input, actor, cancellationToken),
            VariablesApi.Logger(loggers),
            cancellationToken);
    }

    internal static async Task<Results<Ok<VariableResponse>, ProblemHttpResult>> GetItem(
        string organization, string collection, string variableId, HttpContext context, [FromServices] IOrganizationLookup organizations, CollectionStore collections, VariableStore variables, CancellationToken cancellationToken) =>
        await MissingAsync(organization, collection, organizations, collections, cancellationToken) is { } missing
            ? missing
            : await VariableHandlers.GetAsync(context, VariableOwner.ForCollection(organization, collection), variableId, variables, cancellationToken);

    internal static async Task<Results<Ok<VariableResponse>, ProblemHttpResult>> UpdateItem(
        string organization, string collection, string variableId, HttpContext context, [FromServices] IOrganizationLookup organizations, CollectionStore collections, VariableStore variables, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        await MissingAsync(organization, collection, organizations, collections, cancellationToken) is { } missing
            ? missing
            : await VariableHandlers.UpdateAsync(context, VariableOwner.ForCollection(organization, collection), variableId, variables, VariablesApi.Logger(loggers), cancellationToken);

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteItem(
        string organization, string collection, string variableId, HttpContext context, [FromServices] IOrganizationLookup organizations, CollectionStore collections, VariableStore variables, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        await MissingAsync(organization, collection, organizations, collections, cancellationToken) is { } missing
            ? missing
            : await VariableHandlers.DeleteAsync(context, VariableOwner.ForCollection(organization, collection), variableId, variables, VariablesApi.Logger(loggers), cancellationToken);

    internal static async Task<Results<Ok<IReadOnlyList<CollectionReferenceResponse>>, ProblemHttpResult>> ListReferences(
        string organization, string collection, [FromServices] IOrganizationLookup organizations, CollectionStore collections, CancellationToken cancellationToken)
    {
        if (await MissingAsync(organization, collection, organizations, collections, cancellationToken) is { } missing)
        {
            return missing;
        }

        IReadOnlyList<CollectionReferenceResponse> references = (await collections.ListReferencesAsync(organization, collection, cancellationToken))
            .Select(CollectionReferenceResponse.From)
            .ToList();
        return TypedResults.Ok(references);
    }

    internal static async Task<Results<Ok<CollectionReferenceResponse>, ProblemHttpResult>> AddReference(
        string organization, string collection, string workspace, HttpContext context, [FromServices] IWorkspaceLookup workspaces, [FromServices] IOrganizationLookup organizations, CollectionStore collections, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await MissingAsync(organization, collection, organizations, collections, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (await workspaces.FindAsync(organization, workspace, cancellationToken) is not { } found)
        {
            return InfraProblems.NoWorkspace(organization, workspace);
        }

        var actor = context.GetCaller().Describe();
        if (await collections.AddReferenceAsync(organization, collection, found, actor, cancellationToken) is not { } reference)
        {
            return VariableProblems.NoCollection(organization, collection);
        }

        VariablesLog.CollectionChanged(VariablesApi.Logger(loggers), $"applied to workspace {workspace}", organization, collection, actor);
        return TypedResults.Ok(CollectionReferenceResponse.From(reference));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveReference(
        string organization, string collection, string workspace, HttpContext context, [FromServices] IOrganizationLookup organizations, CollectionStore collections, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await MissingAsync(organization, collection, organizations, collections, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (!await collections.RemoveReferenceAsync(organization, collection, workspace, cancellationToken))
        {
            return ApiProblems.NotFound($"Collection '{collection}' does not apply to a workspace named '{workspace}'.");
        }

        VariablesLog.CollectionChanged(VariablesApi.Logger(loggers), $"removed from workspace {workspace}", organization, collection, context.GetCaller().Describe());
        return TypedResults.NoContent();
    }

    /// <summary>The 404 for a missing organization or collection, or <c>null</c> if both exist.</summary>
    private static async Task<ProblemHttpResult?> MissingAsync(
        string organization, string collection, IOrganizationLookup organizations, CollectionStore collections, CancellationToken cancellationToken) =>
        !await organizations.OrganizationExistsAsync(organization, cancellationToken) ? InfraProblems.NoOrganization(organization)
        : await collections.GetAsync(organization, collection, cancellationToken) is null ? VariableProblems.NoCollection(organization, collection)
        : null;
}
