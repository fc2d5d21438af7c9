using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra;
using Stratus.Infra.Organizations;
using Stratus.Infra.Templates;
using Stratus.Infra.Vcs;
using Stratus.Infra.Workspaces;
using Stratus.Secrets;

namespace Stratus.Api.Infra.Vcs;

/// <summary>
/// An organization's VCS connections (GitHub, GitLab) and its workspaces' links to repositories. A connection's token
/// is stored encrypted and never returned; its webhook secret is returned once, when it is created, to paste into the
/// provider's webhook settings.
/// </summary>
internal static class VcsApi
{
    private const string ConnectionExample = """{"id": "github", "provider": "github", "token": "ghp_…"}""";
    private const string LinkExample = """{"connection": "github", "repository": "acme/infra", "branches": ["main"], "folders": ["network"]}""";
    private const string ConnectionRoute = "/{connection:" + InfraNameRouteConstraint.Name + "}";

    public static RouteGroupBuilder MapVcsApi(this RouteGroupBuilder api)
    {
        var connections = api.MapGroup(InfraRoutes.Organization + "/vcs/connections").WithTags("VCS")
            .ProducesProblem(StatusCodes.Status404NotFound);
        connections.MapGet("/", ListConnections)
            .WithName("ListVcsConnections")
            .WithSummary("An organization's VCS connections (their tokens and webhook secrets are never shown).")
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        connections.MapPost("/", CreateConnection)
            .WithName("CreateVcsConnection")
            .WithSummary("Connects the organization to GitHub or GitLab; the answer holds the webhook URL and secret, shown only this once.")
            .Accepts<VcsConnectionRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.VcsManage, ScopeKind.Organization, "organization");
        connections.MapGet(ConnectionRoute, GetConnection)
            .WithName("GetVcsConnection")
            .WithSummary("A VCS connection and its webhook URL.")
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        connections.MapDelete(ConnectionRoute, DeleteConnection)
            .WithName("DeleteVcsConnection")
            .WithSummary("Removes a VCS connection; its webhooks are refused from then on.")
            .RequirePermission(PermissionNames.VcsManage, ScopeKind.Organization, "organization");

        var link = api.MapGroup(InfraRoutes.Workspace + "/vcs").WithTags("VCS")
            .ProducesProblem(StatusCodes.Status404NotFound);
        link.MapGet("/", GetLink)
            .WithName("GetWorkspaceVcsLink")
            .WithSummary("The repository a workspace follows, with its branch and folder filters.")
            .RequirePermission(PermissionNames.WorkspaceRead, ScopeKind.Workspace, "organization", "workspace");
        link.MapPut("/", SetLink)
            .WithName("SetWorkspaceVcsLink")
            .WithSummary("Links a workspace to a repository: matching pushes start its template, pull requests get a speculative plan.")
            .Accepts<VcsLinkRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.WorkspaceManage, ScopeKind.Workspace, "organization", "workspace");
        link.MapDelete("/", DeleteLink)
            .WithName("DeleteWorkspaceVcsLink")
            .WithSummary("Unlinks a workspace from its repository.")
            .RequirePermission(PermissionNames.WorkspaceManage, ScopeKind.Workspace, "organization", "workspace");
        return api;
    }

    internal static async Task<Results<Ok<List<VcsConnectionResponse>>, ProblemHttpResult>> ListConnections(
        string organization, HttpContext context, IOrganizationLookup organizations, VcsStore store, CancellationToken cancellationToken)
    {
        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return InfraProblems.NoOrganization(organization);
        }

        var all = await store.ListConnectionsAsync(organization, cancellationToken);
        return TypedResults.Ok(all.Select(c => VcsConnectionResponse.From(c, context.Request)).ToList());
    }

    internal static async Task<Results<Created<VcsConnectionResponse>, ProblemHttpResult>> CreateConnection(
        string organization,
        HttpContext context,
        IOrganizationLookup organizations,
        VcsStore store,
        SecretProtector protector,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<VcsConnectionRequest>(context.Request, ConnectionExample, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (InfraNames.Problem(body!.Id, "id") is { } idProblem)
        {
            return ApiProblems.Invalid(idProblem + " e.g. " + ConnectionExample);
        }

        if (body.Provider is not { } provider || !VcsProviders.IsKnown(provider))
        {
            return ApiProblems.Invalid($"'provider' must be '{VcsProviders.GitHub}' or '{VcsProviders.GitLab}'.");
        }

        var apiUrl = body.ApiUrl ?? VcsProviders.DefaultApiUrl(provider);
        if (!Uri.TryCreate(apiUrl, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(parsed.Query))
        {
            return ApiProblems.Invalid($"'apiUrl' must be an absolute http(s) URL without a query, e.g. {VcsProviders.DefaultApiUrl(provider)}.");
        }

        if (string.IsNullOrWhiteSpace(body.Token))
        {
            return ApiProblems.Invalid("'token' is required: a token that may set commit statuses and comment on pull/merge requests.");
        }

        if (body.WebhookSecret is { Length: < 16 })
        {
            return ApiProblems.Invalid("'webhookSecret' must have at least 16 characters; leave it out and Stratus generates one.");
        }

        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return InfraProblems.NoOrganization(organization);
        }

        var secret = body.WebhookSecret ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var draft = new VcsConnection(organization, body.Id!, provider, apiUrl.TrimEnd('/'), "", "", time.GetUtcNow(), context.GetCaller().Describe());
        var connection = draft with
        {
            ProtectedToken = protector.Protect(body.Token, draft.TokenContext),
            ProtectedWebhookSecret = protector.Protect(secret, draft.WebhookSecretContext),
        };
        if (!await store.CreateConnectionAsync(connection, cancellationToken))
        {
            return ApiProblems.Conflict($"Organization '{organization}' has a VCS connection '{connection.Id}' already; pick another id or delete that one first.");
        }

        return TypedResults.Created($"/api/v1/organizations/{organization}/vcs/connections/{connection.Id}", VcsConnectionResponse.From(connection, context.Request, secret));
    }

    internal static async Task<Results<Ok<VcsConnectionResponse>, ProblemHttpResult>> GetConnection(
        string organization, string connection, HttpContext context, VcsStore store, CancellationToken cancellationToken) =>
        await store.GetConnectionAsync(organization, connection, cancellationToken) is { } found
            ? TypedResults.Ok(VcsConnectionResponse.From(found, context.Request))
            : NoConnection(organization, connection);

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteConnection(
        string organization, string connection, VcsStore store, CancellationToken cancellationToken) =>
        await store.DeleteConnectionAsync(organization, connection, cancellationToken) ? TypedResults.NoContent() : NoConnection(organization, connection);

    internal static async Task<Results<Ok<VcsLinkResponse>, ProblemHttpResult>> GetLink(
        string organization, string workspace, VcsStore store, CancellationToken cancellationToken) =>
        await store.GetLinkAsync(organization, workspace, cancellationToken) is { } found
            ? TypedResults.Ok(VcsLinkResponse.From(found))
            : ApiProblems.NotFound($"Workspace '{organization}/{workspace}' is not linked to a repository. PUT {LinkExample} links it.");

    internal static async Task<Results<Ok<VcsLinkResponse>, ProblemHttpResult>> SetLink(
        string organization,
        string workspace,
        HttpContext context,
        IWorkspaceLookup workspaces,
        TemplateStore templates,
        VcsStore store,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<VcsLinkRequest>(context.Request, LinkExample, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Connection is null || string.IsNullOrWhiteSpace(body.Repository) || body.Repository.Count(c => c == '/') < 1 || body.Repository.Trim('/') != body.Repository)
        {
            return ApiProblems.Invalid($"'connection' and 'repository' (owner/name on GitHub, group/project on GitLab) are required, e.g. {LinkExample}");
        }

        if (body.Branches?.FirstOrDefault(b => string.IsNullOrWhiteSpace(b)) is not null || body.Folders?.Any(f => f is null || f.Contains("..", StringComparison.Ordinal)) == true)
        {
            return ApiProblems.Invalid("'branches' entries must be non-empty names or globs, and 'folders' entries repository folders without '..'.");
        }

        if (await workspaces.FindAsync(organization, workspace, cancellationToken) is null)
        {
            return InfraProblems.NoWorkspace(organization, workspace);
        }

        if (await store.GetConnectionAsync(organization, body.Connection, cancellationToken) is null)
        {
            return ApiProblems.Invalid($"Organization '{organization}' has no VCS connection '{body.Connection}'. GET /api/v1/organizations/{organization}/vcs/connections lists them.");
        }

        if (body.Template is not null && await templates.GetAsync(organization, body.Template, cancellationToken) is null)
        {
            return ApiProblems.Invalid($"Organization '{organization}' has no template '{body.Template}'. GET /api/v1/organizations/{organization}/templates lists them.");
        }

        var link = new VcsLink(
            organization, workspace, body.Connection, body.Repository, body.Branches ?? [], body.Folders ?? [], body.Template, body.SpeculativePlans ?? true,
            time.GetUtcNow(), context.GetCaller().Describe());
        await store.SetLinkAsync(link, cancellationToken);
        return TypedResults.Ok(VcsLinkResponse.From(link));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteLink(
        string organization, string workspace, VcsStore store, CancellationToken cancellationToken) =>
        await store.DeleteLinkAsync(organization, workspace, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound($"Workspace '{organization}/{workspace}' is not linked to a repository.");

    private static ProblemHttpResult NoConnection(string organization, string connection) =>
        ApiProblems.NotFound($"Organization '{organization}' has no VCS connection '{connection}'. GET /api/v1/organizations/{organization}/vcs/connections lists them.");
}
