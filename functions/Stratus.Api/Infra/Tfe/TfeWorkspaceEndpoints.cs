using System.Security.Cryptography;
using System.Text.Json;
using Stratus.Api.Infra.Workspaces;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra;
using Stratus.Infra.Jobs;
using Stratus.Infra.Organizations;
using Stratus.Infra.Workspaces;

namespace Stratus.Api.Infra.Tfe;

/// <summary>
/// Workspaces by name (show, create) and the lock actions. A TFE lock is the Stratus workspace lock: while it is held,
/// runs are refused and the Stratus queue waits, and the one who holds it may write state versions.
/// </summary>
internal static class TfeWorkspaceEndpoints
{
    private const int MaxReasonChars = 500;

    public static async Task<IResult> Show(string organization, string workspace, HttpContext context, TfeAccess access, JobStore jobs, CancellationToken cancellationToken)
    {
        var (found, problem) = await access.FindAsync(context, organization, workspace, cancellationToken);
        return problem ?? TfeJson.Document(await DocumentAsync(found!, context, access, jobs, cancellationToken));
    }

    public static async Task<IResult> Create(
        string organization, HttpContext context, OrganizationStore organizations, WorkspaceStore workspaces, TfeAccess access, JobStore jobs, TimeProvider time, CancellationToken cancellationToken)
    {
        var (data, problem) = await TfeJson.ReadDataAsync(context.Request, "workspaces", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var name = TfeJson.Attribute(data, "name") is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
        if (InfraNames.Problem(name, "workspace name") is { } invalid)
        {
            return TfeProblems.Invalid("/data/attributes/name", invalid);
        }

        if (!await organizations.OrganizationExistsAsync(organization, cancellationToken))
        {
            return TfeProblems.NotFound($"There is no organization '{organization}'.");
        }

        var created = new Workspace(
            "ws-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            organization,
            name!,
            Description: "Created by terraform through the TFE API.",
            WorkspaceSource.Empty,
            Workspace.Terraform,
            TerraformVersion: null,
            DefaultTemplate: null,
            ExecutionMode: "remote",
            Tags: [],
            Locked: false,
            LockReason: null,
            LockedBy: null,
            LockedAt: null,
            Deleted: false,
            LastJobStatus: null,
            LastJobAt: null,
            time.GetUtcNow(),
            context.GetCaller().Describe());
        if (!await workspaces.CreateAsync(created, cancellationToken))
        {
            return TfeProblems.Conflict($"Organization '{organization}' has a workspace named '{name}' already.");
        }

        return TfeJson.Document(await DocumentAsync(created, context, access, jobs, cancellationToken), StatusCodes.Status201Created);
    }

    public static async Task<IResult> Lock(string workspaceId, HttpContext context, TfeAccess access, WorkspaceStore workspaces, JobStore jobs, TimeProvider time, CancellationToken cancellationToken)
    {
        var (found, problem) = await access.FindByIdAsync(context, workspaceId, PermissionNames.WorkspaceManage, "lock this workspace", cancellationToken);
        if (found is null)
        {
            return problem!;
        }

        var reason = "Locked through the TFE API.";
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            // go-tfe sends {"reason": "..."} as plain JSON, not a JSON:API document.
            try
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
                if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("reason", out var given) && given.ValueKind == JsonValueKind.String && given.GetString() is { Length: > 0 } text)
                {
                    if (text.Length > MaxReasonChars)
                    {
                        return TfeProblems.Invalid("/reason", $"The lock reason is longer than {MaxReasonChars} characters.");
                    }

                    reason = text;
                }
            }
            catch (JsonException)
            {
                return TfeProblems.Invalid("/", "The body must be JSON such as {\"reason\": \"change freeze\"}, or empty.");
            }
        }

        var caller = context.GetCaller().Describe();
        var alreadyLocked = false;
        var updated = await workspaces.UpdateAsync(found.Organization, found.Name, w =>
        {
            alreadyLocked = w.Locked;
            return w.Locked ? w : w with { Locked = true, LockReason = reason, LockedBy = caller, LockedAt = time.GetUtcNow() };
        }, cancellationToken);
        if (updated is null)
        {
            return TfeProblems.NotFound($"There is no workspace '{found.Name}' in organization '{found.Organization}'.");
        }

        // go-tfe turns any 409 of actions/lock into "workspace already locked".
        return alreadyLocked
            ? TfeProblems.Conflict($"Workspace '{updated.Name}' is locked already by {updated.LockedBy}: {updated.LockReason}")
            : TfeJson.Document(await DocumentAsync(updated, context, access, jobs, cancellationToken));
    }

    public static Task<IResult> Unlock(string workspaceId, HttpContext context, TfeAccess access, WorkspaceStore workspaces, JobStore jobs, IEnumerable<IWorkspaceUnlockListener> listeners, CancellationToken cancellationToken) =>
        UnlockAsync(workspaceId, force: false, context, access, workspaces, jobs, listeners, cancellationToken);

    public static Task<IResult> ForceUnlock(string workspaceId, HttpContext context, TfeAccess access, WorkspaceStore workspaces, JobStore jobs, IEnumerable<IWorkspaceUnlockListener> listeners, CancellationToken cancellationToken) =>
        UnlockAsync(workspaceId, force: true, context, access, workspaces, jobs, listeners, cancellationToken);

    /// <summary>The workspace as terraform reads it, with what this caller may do and the newest job as the current run.</summary>
    public static async Task<System.Text.Json.Nodes.JsonObject> DocumentAsync(Workspace workspace, HttpContext context, TfeAccess access, JobStore jobs, CancellationToken cancellationToken)
    {
        var (organization, name) = (workspace.Organization, workspace.Name);
        var permissions = new TfeWorkspacePermissions(
            await access.AllowsAsync(context, PermissionNames.JobPlan, organization, name, cancellationToken),
            await access.AllowsAsync(context, PermissionNames.JobApply, organization, name, cancellationToken),
            await access.AllowsAsync(context, PermissionNames.WorkspaceManage, organization, name, cancellationToken),
            await access.AllowsAsync(context, PermissionNames.StateRead, organization, name, cancellationToken),
            await access.AllowsAsync(context, PermissionNames.StateWrite, organization, name, cancellationToken));
        var newest = (await jobs.ListAsync(organization, name, 1, null, cancellationToken)).Items.FirstOrDefault();
        return TfeDocuments.Workspace(workspace, permissions, newest is null ? null : TfeIds.Job(TfeIds.RunPrefix, organization, name, newest.Id));
    }

    private static async Task<IResult> UnlockAsync(
        string workspaceId, bool force, HttpContext context, TfeAccess access, WorkspaceStore workspaces, JobStore jobs, IEnumerable<IWorkspaceUnlockListener> listeners, CancellationToken cancellationToken)
    {
        var (found, problem) = await access.FindByIdAsync(context, workspaceId, PermissionNames.WorkspaceManage, "unlock this workspace", cancellationToken);
        if (found is null)
        {
            return problem!;
        }

        var caller = context.GetCaller().Describe();
        if (!found.Locked)
        {
            return TfeProblems.Conflict($"Workspace '{found.Name}' is not locked.");
        }

        if (!force && found.LockedBy != caller)
        {
            // go-tfe recognises "is locked by User" and tells terraform to suggest force-unlock.
            return TfeProblems.Conflict($"Workspace '{found.Name}' is locked by User {found.LockedBy} ({found.LockReason}); only they may unlock it, or force-unlock it.");
        }

        var updated = await workspaces.UpdateAsync(found.Organization, found.Name, w => w with { Locked = false, LockReason = null, LockedBy = null, LockedAt = null }, cancellationToken);
        if (updated is null)
        {
            return TfeProblems.NotFound($"There is no workspace '{found.Name}' in organization '{found.Organization}'.");
        }

        foreach (var listener in listeners)
        {
            await listener.WorkspaceUnlockedAsync(updated.ToRef(), cancellationToken);
        }

        return TfeJson.Document(await DocumentAsync(updated, context, access, jobs, cancellationToken));
    }
}
