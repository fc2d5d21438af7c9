using System.Globalization;
using Microsoft.Extensions.Options;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;

namespace Stratus.Api.Infra.State;

/// <summary>
/// Terraform's http state backend per workspace, state history and rollback, under
/// <c>/api/v1/organizations/{organization}/workspaces/{workspace}/state</c>. Terraform authenticates with HTTP Basic
/// (any user name, a Stratus token as the password):
/// <code>
/// terraform { backend "http" {} }
/// TF_HTTP_ADDRESS=…/state TF_HTTP_LOCK_ADDRESS=…/state TF_HTTP_UNLOCK_ADDRESS=…/state TF_HTTP_USERNAME=stratus TF_HTTP_PASSWORD=stratus_pat_…
/// </code>
/// </summary>
internal static class StateApi
{
    public const string Route = InfraRoutes.Workspace + "/state";
    private const string Tag = "State";
    private const string VersionRoute = "/versions/{version}";

    public static RouteGroupBuilder MapStateApi(this RouteGroupBuilder api)
    {
        var maxStateBytes = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<StateOptions>>().Value.MaxStateBytes;
        var group = api.MapGroup(Route).WithTags(Tag)
            .AcceptBasicCredentials("terraform's http backend sends TF_HTTP_USERNAME/TF_HTTP_PASSWORD as HTTP Basic");

        group.MapGet("/", StateBackendEndpoints.GetState)
            .WithName("GetState")
            .WithSummary("The current state (terraform's http backend GET); 404 when there is none yet, which terraform reads as empty.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.StateRead, ScopeKind.Workspace, "organization", "workspace");
        group.MapPost("/", StateBackendEndpoints.WriteState)
            .WithName("WriteState")
            .WithSummary("Stores terraform's state as a new version (the http backend's POST; ?ID= names the held lock, ?jobId= the job whose executor runs terraform). Identical content adds no version; another lineage, a lower serial or the same serial with other content is a 409 unless ?force=true (state.manage).")
            .WithMetadata(new StateBodyLimit(maxStateBytes))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status423Locked)
            .RequirePermission(PermissionNames.StateWrite, ScopeKind.Workspace, "organization", "workspace");
        group.MapDelete("/", StateBackendEndpoints.DeleteState)
            .WithName("DeleteState")
            .WithSummary("Deletes the current state; history stays for rollback unless ?purge=true. Refused while someone else holds the lock.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status423Locked)
            .RequirePermission(PermissionNames.StateManage, ScopeKind.Workspace, "organization", "workspace");
        group.MapMethods("/", ["LOCK"], StateBackendEndpoints.Lock)
            .WithName("LockState")
            .WithSummary("Takes the state lock with terraform's lock-info JSON; 423 with the holder's lock info when someone else holds it.")
            .WithMetadata(new StateBodyLimit(StateBackendEndpoints.MaxLockBodyBytes))
            .ExcludeFromDescription()
            .RequirePermission(PermissionNames.StateWrite, ScopeKind.Workspace, "organization", "workspace");
        group.MapMethods("/", ["UNLOCK"], StateBackendEndpoints.Unlock)
            .WithName("UnlockState")
            .WithSummary("Releases the state lock named by the lock-info JSON's ID (or ?ID=); unlocking an unlocked state is a no-op. With neither (terraform force-unlock) it releases the lock whoever holds it, for state.manage holders.")
            .WithMetadata(new StateBodyLimit(StateBackendEndpoints.MaxLockBodyBytes))
            .ExcludeFromDescription()
            .RequirePermission(PermissionNames.StateWrite, ScopeKind.Workspace, "organization", "workspace");

        // The same lock for clients or proxies that only pass standard methods (the Functions host's http trigger lists
        // its methods): TF_HTTP_LOCK_ADDRESS=…/state/lock, TF_HTTP_LOCK_METHOD=POST, TF_HTTP_UNLOCK_ADDRESS=…/state/unlock,
        // TF_HTTP_UNLOCK_METHOD=POST.
        group.MapPost("/lock", StateBackendEndpoints.Lock)
            .WithName("LockStateByPost")
            .WithSummary("LOCK as a POST (terraform's lock_method = \"POST\" on …/state/lock): takes the state lock; 423 with the holder's lock info when held.")
            .WithMetadata(new StateBodyLimit(StateBackendEndpoints.MaxLockBodyBytes))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status423Locked)
            .RequirePermission(PermissionNames.StateWrite, ScopeKind.Workspace, "organization", "workspace");
        group.MapPost("/unlock", StateBackendEndpoints.Unlock)
            .WithName("UnlockStateByPost")
            .WithSummary("UNLOCK as a POST (terraform's unlock_method = \"POST\" on …/state/unlock): releases the lock the body's ID names; an empty body (terraform force-unlock) releases it whoever holds it, for state.manage holders.")
            .WithMetadata(new StateBodyLimit(StateBackendEndpoints.MaxLockBodyBytes))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status423Locked)
            .RequirePermission(PermissionNames.StateWrite, ScopeKind.Workspace, "organization", "workspace");
        group.MapGet("/lock", StateHistoryEndpoints.GetLock)
            .WithName("GetStateLock")
            .WithSummary("Who holds the state lock, in terraform's lock-info shape; 404 when unlocked.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.StateRead, ScopeKind.Workspace, "organization", "workspace");
        group.MapDelete("/lock", StateHistoryEndpoints.ForceUnlock)
            .WithName("ForceUnlockState")
            .WithSummary("Releases the state lock whoever holds it (for a run that died holding it); 404 when unlocked.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.StateManage, ScopeKind.Workspace, "organization", "workspace");

        group.MapGet("/versions", StateHistoryEndpoints.ListVersions)
            .WithName("ListStateVersions")
            .WithSummary("State versions, newest first, paged (?limit=, ?continuation=).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.StateRead, ScopeKind.Workspace, "organization", "workspace");
        group.MapGet(VersionRoute, StateHistoryEndpoints.GetVersion)
            .WithName("GetStateVersion")
            .WithSummary("One state version's metadata: serial, lineage, size, hashes, who, when, how.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.StateRead, ScopeKind.Workspace, "organization", "workspace");
        group.MapGet(VersionRoute + "/content", StateHistoryEndpoints.DownloadVersion)
            .WithName("DownloadStateVersion")
            .WithSummary("One state version's content, as stored.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.StateRead, ScopeKind.Workspace, "organization", "workspace");
        group.MapPost(VersionRoute + "/rollback", StateHistoryEndpoints.Rollback)
            .WithName("RollbackState")
            .WithSummary("Makes an earlier version current again as a new version, with its serial raised above every earlier one so terraform accepts it.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status423Locked)
            .RequirePermission(PermissionNames.StateManage, ScopeKind.Workspace, "organization", "workspace");
        return api;
    }

    public static string VersionPath(string organization, string workspace, long version) =>
        $"{ApiEndpointRouteBuilderExtensions.ApiPrefix}/organizations/{organization}/workspaces/{workspace}/state/versions/{version.ToString(CultureInfo.InvariantCulture)}";
}
