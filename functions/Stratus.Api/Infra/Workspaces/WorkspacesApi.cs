using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra.Organizations;
using Stratus.Infra.Variables;
using Stratus.Infra.Workspaces;
using Stratus.Storage;

namespace Stratus.Api.Infra.Workspaces;

/// <summary>Workspaces of an organization: create, read, change, lock and unlock, upload a configuration, soft delete.</summary>
internal static class WorkspacesApi
{
    public const string SourcesContainer = "stratus-sources";
    private const string Example = """{"name": "network", "source": "https://github.com/acme/network.git", "branch": "main", "folder": "envs/prod", "terraformVersion": "1.11.0"}""";

    public static RouteGroupBuilder MapWorkspacesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(InfraRoutes.Organization + "/workspaces").WithTags("Workspaces")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListWorkspaces)
            .WithName("ListWorkspaces")
            .WithSummary("An organization's workspaces by name, paged.")
            .RequirePermission(PermissionNames.WorkspaceRead, ScopeKind.Organization, "organization");
        group.MapPost("/", CreateWorkspace)
            .WithName("CreateWorkspace")
            .WithSummary("Creates a workspace from a git source, or empty for an uploaded configuration.")
            .Accepts<WorkspaceRequest>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.WorkspaceManage, ScopeKind.Organization, "organization");

        var workspace = api.MapGroup(InfraRoutes.Workspace).WithTags("Workspaces")
            .ProducesProblem(StatusCodes.Status404NotFound);
        workspace.MapGet("/", GetWorkspace)
            .WithName("GetWorkspace")
            .WithSummary("A workspace.")
            .RequirePermission(PermissionNames.WorkspaceRead, ScopeKind.Workspace, "organization", "workspace");
        workspace.MapPatch("/", UpdateWorkspace)
            .WithName("UpdateWorkspace")
            .WithSummary("Changes a workspace's settings; only the properties sent change.")
            .Accepts<WorkspaceRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.WorkspaceManage, ScopeKind.Workspace, "organization", "workspace");
        workspace.MapDelete("/", DeleteWorkspace)
            .WithName("DeleteWorkspace")
            .WithSummary("Soft-deletes a workspace: it disappears, its history stays.")
            .RequirePermission(PermissionNames.WorkspaceManage, ScopeKind.Workspace, "organization", "workspace");
        workspace.MapPost("/lock", LockWorkspace)
            .WithName("LockWorkspace")
            .WithSummary("Locks a workspace with a reason: its queued jobs wait and schedules skip.")
            .Accepts<LockRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.WorkspaceManage, ScopeKind.Workspace, "organization", "workspace");
        workspace.MapPost("/unlock", UnlockWorkspace)
            .WithName("UnlockWorkspace")
            .WithSummary("Unlocks a workspace; its queue resumes.")
            .RequirePermission(PermissionNames.WorkspaceManage, ScopeKind.Workspace, "organization", "workspace");
        workspace.MapPut("/source", UploadSource)
            .WithName("UploadWorkspaceSource")
            .WithSummary("Uploads the workspace's configuration as a tar.gz; later jobs run it.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new SourceArchiveSizeLimit())
            .RequirePermission(PermissionNames.WorkspaceManage, ScopeKind.Workspace, "organization", "workspace");
        return api;
    }

    internal static async Task<Results<Ok<PageResponse<WorkspaceResponse>>, ProblemHttpResult>> ListWorkspaces(
        string organization, OrganizationStore organizations, WorkspaceStore workspaces, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        var (size, problem) = ApiProblems.PageSize(limit);
        if (problem is not null)
        {
            return problem;
        }

        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return InfraProblems.NoOrganization(organization);
        }

        try
        {
            var page = await workspaces.ListAsync(organization, size, continuation, cancellationToken);
            return TypedResults.Ok(new PageResponse<WorkspaceResponse>(page.Items.Select(WorkspaceResponse.From).ToList(), page.ContinuationToken));
        }
        catch (InvalidStorageRequestException)
        {
            return ApiProblems.BadContinuation();
        }
    }

    internal static async Task<Results<Created<WorkspaceResponse>, ProblemHttpResult>> CreateWorkspace(
        string organization, HttpContext context, OrganizationStore organizations, WorkspaceStore workspaces, IOptions<InfraOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<WorkspaceRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (WorkspaceRequestValidator.Problem(body!, creating: true, options.Value.AllowFileGitSources) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return InfraProblems.NoOrganization(organization);
        }

        var source = body!.Source is null
            ? WorkspaceSource.Empty with { Folder = body.Folder }
            : new WorkspaceSource(WorkspaceSource.Git, body.Source, body.Branch ?? "main", body.Commit, body.Folder, null);
        var workspace = new Workspace(
            "ws-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            organization,
            body.Name!,
            body.Description,
            source,
            body.IacType ?? Workspace.Terraform,
            body.TerraformVersion,
            body.DefaultTemplate,
            body.ExecutionMode ?? "remote",
            body.Tags ?? [],
            Locked: false,
            LockReason: null,
            LockedBy: null,
            LockedAt: null,
            Deleted: false,
            LastJobStatus: null,
            LastJobAt: null,
            time.GetUtcNow(),
            context.GetCaller().Describe());
        if (!await workspaces.CreateAsync(workspace, cancellationToken))
        {
            return ApiProblems.Conflict($"Organization '{organization}' has a workspace named '{workspace.Name}' already.");
        }

        return TypedResults.Created($"/api/v1/organizations/{organization}/workspaces/{workspace.Name}", WorkspaceResponse.From(workspace));
    }

    internal static async Task<Results<Ok<WorkspaceResponse>, ProblemHttpResult>> GetWorkspace(string organization, string workspace, WorkspaceStore workspaces, CancellationToken cancellationToken) =>
        await workspaces.GetAsync(organization, workspace, cancellationToken) is { } found
            ? TypedResults.Ok(WorkspaceResponse.From(found))
            : InfraProblems.NoWorkspace(organization, workspace);

    internal static async Task<Results<Ok<WorkspaceResponse>, ProblemHttpResult>> UpdateWorkspace(
        string organization, string workspace, HttpContext context, WorkspaceStore workspaces, IOptions<InfraOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<WorkspaceRequest>(context.Request, """{"terraformVersion": "1.11.0"}""", cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Name is not null && body.Name != workspace)
        {
            return ApiProblems.Invalid($"The body names workspace '{body.Name}' but the URL names '{workspace}'; workspaces cannot be renamed.");
        }

        if (WorkspaceRequestValidator.Problem(body, creating: false, options.Value.AllowFileGitSources) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        var updated = await workspaces.UpdateAsync(organization, workspace, w => w with
        {
            Description = body.Description ?? w.Description,
            Source = body.Source is { } url
                ? new WorkspaceSource(WorkspaceSource.Git, url, body.Branch ?? w.Source.Branch ?? "main", body.Commit, body.Folder ?? w.Source.Folder, null)
                : w.Source with { Branch = body.Branch ?? w.Source.Branch, Commit = body.Commit ?? w.Source.Commit, Folder = body.Folder ?? w.Source.Folder },
            IacType = body.IacType ?? w.IacType,
            TerraformVersion = body.TerraformVersion ?? w.TerraformVersion,
            DefaultTemplate = body.DefaultTemplate ?? w.DefaultTemplate,
            ExecutionMode = body.ExecutionMode ?? w.ExecutionMode,
            Tags = body.Tags ?? w.Tags,
        }, cancellationToken);
        return updated is null ? InfraProblems.NoWorkspace(organization, workspace) : TypedResults.Ok(WorkspaceResponse.From(updated));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteWorkspace(
        string organization, string workspace, WorkspaceStore workspaces, VariableStore variables, CollectionStore collections, CancellationToken cancellationToken)
    {
        var deleted = await workspaces.UpdateAsync(organization, workspace, w => w with { Deleted = true }, cancellationToken);
        if (deleted is null)
        {
            return InfraProblems.NoWorkspace(organization, workspace);
        }

        // Variables are keyed by the workspace id, so a new workspace of the same name starts empty anyway; this frees them.
        await variables.DeleteAllAsync(VariableOwner.ForWorkspace(deleted.ToRef()), cancellationToken);
        await collections.RemoveWorkspaceAsync(deleted.ToRef(), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<WorkspaceResponse>, ProblemHttpResult>> LockWorkspace(
        string organization, string workspace, HttpContext context, WorkspaceStore workspaces, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<LockRequest>(context.Request, """{"reason": "change freeze"}""", cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (string.IsNullOrWhiteSpace(body!.Reason) || body.Reason.Length > 500)
        {
            return ApiProblems.Invalid("A lock needs a reason of 1–500 characters, e.g. {\"reason\": \"change freeze\"}.");
        }

        var caller = context.GetCaller().Describe();
        var updated = await workspaces.UpdateAsync(organization, workspace, w => w with { Locked = true, LockReason = body.Reason, LockedBy = caller, LockedAt = time.GetUtcNow() }, cancellationToken);
        return updated is null ? InfraProblems.NoWorkspace(organization, workspace) : TypedResults.Ok(WorkspaceResponse.From(updated));
    }

    internal static async Task<Results<Ok<WorkspaceResponse>, ProblemHttpResult>> UnlockWorkspace(
        string organization, string workspace, WorkspaceStore workspaces, IEnumerable<IWorkspaceUnlockListener> listeners, CancellationToken cancellationToken)
    {
        var updated = await workspaces.UpdateAsync(organization, workspace, w => w with { Locked = false, LockReason = null, LockedBy = null, LockedAt = null }, cancellationToken);
        if (updated is null)
        {
            return InfraProblems.NoWorkspace(organization, workspace);
        }

        foreach (var listener in listeners)
        {
            await listener.WorkspaceUnlockedAsync(updated.ToRef(), cancellationToken);
        }

        return TypedResults.Ok(WorkspaceResponse.From(updated));
    }

    internal static async Task<Results<Ok<WorkspaceResponse>, ProblemHttpResult>> UploadSource(
        string organization, string workspace, HttpContext context, WorkspaceStore workspaces, IStorageAccount storage, ISourceArchiveValidator validator, CancellationToken cancellationToken)
    {
        if (await workspaces.GetAsync(organization, workspace, cancellationToken) is null)
        {
            return InfraProblems.NoWorkspace(organization, workspace);
        }

        // Spool to a temporary file: the archive is validated in full before anything is stored.
        var spool = Path.GetTempFileName();
        try
        {
            string hash;
            await using (var file = new FileStream(spool, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await context.Request.Body.CopyToAsync(file, cancellationToken);
                if (file.Length == 0)
                {
                    return ApiProblems.Invalid("The request body is empty. Send the configuration as a tar.gz (Content-Type: application/gzip).");
                }

                file.Position = 0;
                hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
                file.Position = 0;
                if (await validator.ProblemAsync(file, cancellationToken) is { } invalid)
                {
                    return ApiProblems.Invalid(invalid);
                }

                file.Position = 0;
                var container = storage.Blobs.GetContainer(SourcesContainer);
                await container.CreateIfNotExistsAsync(cancellationToken);
                await container.UploadAsync($"{organization}/{workspace}/{hash}.tar.gz", file, cancellationToken: cancellationToken);
            }

            var updated = await workspaces.UpdateAsync(organization, workspace, w => w with
            {
                Source = new WorkspaceSource(WorkspaceSource.Upload, null, null, null, w.Source.Folder, $"{organization}/{workspace}/{hash}.tar.gz"),
            }, cancellationToken);
            return updated is null ? InfraProblems.NoWorkspace(organization, workspace) : TypedResults.Ok(WorkspaceResponse.From(updated));
        }
        finally
        {
            File.Delete(spool);
        }
    }
}
