using Stratus.Api.Security;
using Stratus.Identity.Authorization;

namespace Stratus.Api.Infra.Tfe;

/// <summary>
/// The part of HCP Terraform's API (<c>tfe.v2</c>) that terraform's <c>cloud</c> block and <c>remote</c> backend call,
/// under <see cref="BasePath"/>, on Stratus's own workspaces, jobs, state and permissions: a TFE workspace is a Stratus
/// workspace, a run is a Stratus job (so the Stratus API and CLI show it), a token is a Stratus API token.
/// </summary>
internal static class TfeApi
{
    public const string BasePath = "/api/tfe/v2";
    public const string Tag = "TFE API";

    private const string LogUrlAccess = "go-tfe reads logs without credentials; the URL's sealed token, handed only to a reader of the run, is the credential";

    public static IEndpointRouteBuilder MapTfeApi(this IEndpointRouteBuilder endpoints)
    {
        var tfe = endpoints.MapGroup(BasePath).WithTags(Tag);
        tfe.MapGet("/ping", TfeOrganizationEndpoints.Ping)
            .WithName("TfePing")
            .WithSummary("The API version headers go-tfe reads before any other call (TFP-API-Version, TFP-AppName).")
            .Produces(StatusCodes.Status204NoContent)
            .AllowPublicAccess("it only tells a client which API version this server speaks, as HCP Terraform's ping does");
        tfe.MapGet(InfraRoutes.Organization + "/entitlement-set", TfeOrganizationEndpoints.Entitlements)
            .WithName("TfeReadEntitlements")
            .WithSummary("What the organization may use: remote operations and state storage.")
            .Produces(StatusCodes.Status200OK, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        tfe.MapGet(InfraRoutes.Organization + "/runs/queue", TfeOrganizationEndpoints.RunQueue)
            .WithName("TfeReadRunQueue")
            .WithSummary("The organization's run queue; Stratus queues runs per workspace, so it is always empty.")
            .Produces(StatusCodes.Status200OK, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.OrganizationRead, ScopeKind.Organization, "organization");
        tfe.MapGet(InfraRoutes.Workspace, TfeWorkspaceEndpoints.Show)
            .WithName("TfeShowWorkspace")
            .WithSummary("A workspace by name, with what the caller may do with it.")
            .Produces(StatusCodes.Status200OK, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthenticatedCaller();
        tfe.MapPost(InfraRoutes.Organization + "/workspaces", TfeWorkspaceEndpoints.Create)
            .WithName("TfeCreateWorkspace")
            .WithSummary("Creates a workspace by name (terraform init does when the cloud block names a new one).")
            .Produces(StatusCodes.Status201Created, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequirePermission(PermissionNames.WorkspaceManage, ScopeKind.Organization, "organization");
        tfe.MapPost("/workspaces/{workspaceId}/actions/lock", TfeWorkspaceEndpoints.Lock)
            .WithName("TfeLockWorkspace")
            .WithSummary("Locks the workspace (workspace.manage): runs are refused until it is unlocked.")
            .Produces(StatusCodes.Status200OK, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthenticatedCaller();
        tfe.MapPost("/workspaces/{workspaceId}/actions/unlock", TfeWorkspaceEndpoints.Unlock)
            .WithName("TfeUnlockWorkspace")
            .WithSummary("Unlocks a workspace the caller locked.")
            .Produces(StatusCodes.Status200OK, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthenticatedCaller();
        tfe.MapPost("/workspaces/{workspaceId}/actions/force-unlock", TfeWorkspaceEndpoints.ForceUnlock)
            .WithName("TfeForceUnlockWorkspace")
            .WithSummary("Unlocks a workspace whoever locked it.")
            .Produces(StatusCodes.Status200OK, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthenticatedCaller();
        tfe.MapPost("/workspaces/{workspaceId}/configuration-versions", TfeConfigurationVersionEndpoints.Create)
            .WithName("TfeCreateConfigurationVersion")
            .WithSummary("Starts a configuration upload for a run; answers the one-time upload URL.")
            .Produces(StatusCodes.Status201Created, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthenticatedCaller();
        tfe.MapGet("/configuration-versions/{configurationVersionId}", TfeConfigurationVersionEndpoints.Read)
            .WithName("TfeReadConfigurationVersion")
            .WithSummary("A configuration version: pending until its archive is uploaded.")
            .Produces(StatusCodes.Status200OK, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthenticatedCaller();
        tfe.MapPut("/configuration-versions/{configurationVersionId}/upload/{secret}", TfeConfigurationVersionEndpoints.Upload)
            .WithName("TfeUploadConfiguration")
            .WithSummary("Receives the configuration tar.gz once; it is checked (paths, links, sizes) before it is stored.")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new Workspaces.SourceArchiveSizeLimit())
            .AllowPublicAccess("go-tfe uploads without credentials; the URL's one-time secret, issued to a caller with job.plan, is the credential");
        tfe.MapPost("/runs", TfeRunEndpoints.Create)
            .WithName("TfeCreateRun")
            .WithSummary("Queues a run of an uploaded configuration as a Stratus job (plan only, plan and apply, or plan, confirm and apply).")
            .Produces(StatusCodes.Status201Created, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthenticatedCaller();
        tfe.MapGet("/runs/{runId}", TfeRunEndpoints.Read)
            .WithName("TfeReadRun")
            .WithSummary("A run: its TFE status from the job's status and steps.")
            .Produces(StatusCodes.Status200OK, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthenticatedCaller();
        tfe.MapGet("/workspaces/{workspaceId}/runs", TfeRunEndpoints.List)
            .WithName("TfeListRuns")
            .WithSummary("A workspace's newest runs (jobs), newest first.")
            .Produces(StatusCodes.Status200OK, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthenticatedCaller();
        tfe.MapGet("/runs/{runId}/run-events", TfeRunEndpoints.Events)
            .WithName("TfeListRunEvents")
            .WithSummary("A run's events; Stratus has no run warnings, so it is empty.")
            .Produces(StatusCodes.Status200OK, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthenticatedCaller();
        tfe.MapPost("/runs/{runId}/actions/apply", TfeRunEndpoints.Apply)
            .WithName("TfeApplyRun")
            .WithSummary("Confirms a planned run: the job's approval step (job.approve, and its approval team).")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthenticatedCaller();
        tfe.MapPost("/runs/{runId}/actions/discard", TfeRunEndpoints.Discard)
            .WithName("TfeDiscardRun")
            .WithSummary("Discards a planned run: rejects the job's approval step.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthenticatedCaller();
        tfe.MapPost("/runs/{runId}/actions/cancel", TfeRunEndpoints.Cancel)
            .WithName("TfeCancelRun")
            .WithSummary("Cancels a run: cancels the job, stopping a running terraform (job.manage).")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthenticatedCaller();
        tfe.MapGet("/plans/{planId}", TfeRunEndpoints.ReadPlan)
            .WithName("TfeReadPlan")
            .WithSummary("A run's plan phase: its status and log URL.")
            .Produces(StatusCodes.Status200OK, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthenticatedCaller();
        tfe.MapGet("/plans/{planId}/logs/{token}", TfeRunEndpoints.PlanLogs)
            .WithName("TfeReadPlanLogs")
            .WithSummary("A slice (?offset=&limit=) of the plan's log, framed by STX and, once the plan ended, ETX.")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AllowPublicAccess(LogUrlAccess);
        tfe.MapGet("/applies/{applyId}", TfeRunEndpoints.ReadApply)
            .WithName("TfeReadApply")
            .WithSummary("A run's apply phase: its status and log URL.")
            .Produces(StatusCodes.Status200OK, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthenticatedCaller();
        tfe.MapGet("/applies/{applyId}/logs/{token}", TfeRunEndpoints.ApplyLogs)
            .WithName("TfeReadApplyLogs")
            .WithSummary("A slice (?offset=&limit=) of the apply's log, framed by STX and, once the apply ended, ETX.")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AllowPublicAccess(LogUrlAccess);
        tfe.MapGet("/workspaces/{workspaceId}/current-state-version", TfeStateEndpoints.Current)
            .WithName("TfeReadCurrentStateVersion")
            .WithSummary("The workspace's current state version (state.read).")
            .Produces(StatusCodes.Status200OK, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthenticatedCaller();
        tfe.MapGet("/state-versions/{stateVersionId}/download", TfeStateEndpoints.Download)
            .WithName("TfeDownloadStateVersion")
            .WithSummary("A state version's content (state.read).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthenticatedCaller();
        tfe.MapPost("/workspaces/{workspaceId}/state-versions", TfeStateEndpoints.Create)
            .WithName("TfeCreateStateVersion")
            .WithSummary("Stores a new state version (state.write) while the caller holds the workspace lock.")
            .Produces(StatusCodes.Status201Created, contentType: TfeJson.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new State.StateBodyLimit(TfeStateEndpoints.MaxBodyBytes))
            .RequireAuthenticatedCaller();
        return endpoints;
    }

    /// <summary>The TFE API's absolute base URL as the caller reached it; terraform follows log and upload URLs as given.</summary>
    public static Uri BaseUrl(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}/");
}
