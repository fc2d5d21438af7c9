using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra.State;
using Stratus.Infra.Workspaces;

namespace Stratus.Api.Infra.State;

/// <summary>
/// Terraform's http backend protocol on <c>…/workspaces/{workspace}/state</c>: <c>GET</c> the state (404: none yet),
/// <c>POST</c> a new one (<c>?ID=</c> the held lock; <c>?jobId=</c> when a job's executor runs terraform, which keeps
/// the address's query when it adds <c>ID</c>), <c>DELETE</c> it, and the <c>LOCK</c>/<c>UNLOCK</c> methods with
/// terraform's lock-info JSON. A lock held by someone else answers 423 with the holder's lock info. A state that does
/// not follow the current one (another lineage, a lower serial, the same serial with other content) answers 409 unless
/// <c>?force=true</c> comes from a holder of <c>state.manage</c>: terraform's http backend sends nothing of its own
/// for <c>state push -force</c>, so the address carries it (it keeps the address's query, as it does for <c>jobId</c>).
/// </summary>
internal static class StateBackendEndpoints
{
    public const long MaxLockBodyBytes = 64 * 1024;

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetState(
        string organization, string workspace, HttpContext context, [FromServices] IWorkspaceLookup workspaces, StateStore store, CancellationToken cancellationToken)
    {
        if (await StateWorkspaces.MissingAsync(workspaces, organization, workspace, cancellationToken) is { } missing)
        {
            return missing;
        }

        return await store.OpenCurrentAsync(organization, workspace, cancellationToken) is { } content
            ? StateDownload.Result(context, content, fileName: null)
            : StateProblems.NoState(organization, workspace);
    }

    internal static async Task<Results<Created<StateVersionResponse>, Ok<StateVersionResponse>, ProblemHttpResult>> WriteState(
        string organization,
        string workspace,
        [FromQuery(Name = "ID")] string? lockId,
        string? jobId,
        bool? force,
        HttpContext context,
        [FromServices] IWorkspaceLookup workspaces,
        StateStore store,
        AccessEvaluator access,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (await StateWorkspaces.MissingAsync(workspaces, organization, workspace, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (jobId is not null && StateWriteRequest.JobIdProblem(jobId) is { } jobIdProblem)
        {
            return StateProblems.Invalid(jobIdProblem);
        }

        if (force == true && !await access.IsAllowedAsync(context.GetCaller(), PermissionNames.StateManage, Scope.Of(ScopeKind.Workspace, $"{organization}/{workspace}"), cancellationToken))
        {
            return StateProblems.Forbidden(
                $"?force=true writes a state whatever its lineage and serial, which needs the '{PermissionNames.StateManage}' permission on 'workspace:{organization}/{workspace}'. " +
                "Leave it out to write a state that follows the current one.");
        }

        var max = store.Options.MaxStateBytes;
        if (await StateRequestBody.ReadAsync(context.Request, max, cancellationToken) is not { } body)
        {
            return StateProblems.TooLarge(max);
        }

        var caller = context.GetCaller().Describe();
        var md5 = context.Request.Headers.ContentMD5.ToString();
        var result = await store.WriteAsync(
            new StateWriteRequest(organization, workspace, body, caller)
            {
                LockId = lockId,
                ContentMd5 = md5.Length == 0 ? null : md5,
                Source = jobId is null ? StateSources.Backend : StateSources.Job,
                JobId = jobId,
                Force = force == true,
            },
            cancellationToken);
        var logger = loggers.CreateLogger(StateLog.Category);
        switch (result.Status)
        {
            case StateWriteStatus.Created:
                var version = result.Version!;
                StateLog.Saved(logger, organization, workspace, version.Number, version.Serial, version.Size, caller);
                if (force == true)
                {
                    StateLog.ForceWritten(logger, organization, workspace, version.Number, version.Serial, version.Lineage, caller);
                }

                return TypedResults.Created(StateApi.VersionPath(organization, workspace, version.Number), StateVersionResponse.From(version, version.Number));
            case StateWriteStatus.Unchanged:
                return TypedResults.Ok(StateVersionResponse.From(result.Version!, result.Version!.Number));
            case StateWriteStatus.Locked:
                StateLog.LockRefused(logger, organization, workspace, "write", caller, result.Lock!.Id, result.Lock.LockedBy, result.Lock.LockedAt);
                return StateProblems.Locked(result.Lock, $"The state is locked ({StateProblems.Holder(result.Lock)}); only that lock's holder may write it (POST …/state?ID=<lock id>).");
            case StateWriteStatus.LockNotHeld:
                StateLog.WriteRefused(logger, organization, workspace, caller, result.Problem!);
                return StateProblems.Conflict(result.Problem!);
            case StateWriteStatus.Conflict:
                StateLog.WriteRefused(logger, organization, workspace, caller, result.Problem!);
                return StateProblems.NotASuccessor(result.Version!, result.Problem!);
            case StateWriteStatus.TooLarge:
                return StateProblems.TooLarge(max);
            default:
                StateLog.WriteRefused(logger, organization, workspace, caller, result.Problem!);
                return StateProblems.Invalid(result.Problem!);
        }
    }

    internal static async Task<Results<Ok<StateDeleteResponse>, ProblemHttpResult>> DeleteState(
        string organization,
        string workspace,
        [FromQuery(Name = "ID")] string? lockId,
        bool? purge,
        HttpContext context,
        [FromServices] IWorkspaceLookup workspaces,
        StateStore store,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (await StateWorkspaces.MissingAsync(workspaces, organization, workspace, cancellationToken) is { } missing)
        {
            return missing;
        }

        var caller = context.GetCaller().Describe();
        var result = await store.DeleteAsync(organization, workspace, lockId, purge ?? false, cancellationToken);
        var logger = loggers.CreateLogger(StateLog.Category);
        switch (result.Status)
        {
            case StateDeleteStatus.Deleted:
                StateLog.Deleted(logger, organization, workspace, caller, result.Version?.Number, result.Purged);
                return TypedResults.Ok(new StateDeleteResponse(result.Version?.Number, result.Purged));
            case StateDeleteStatus.Locked:
                StateLog.LockRefused(logger, organization, workspace, "delete", caller, result.Lock!.Id, result.Lock.LockedBy, result.Lock.LockedAt);
                return StateProblems.Locked(result.Lock, $"The state is locked ({StateProblems.Holder(result.Lock)}); pass that lock's ?ID= or force-unlock it first.");
            default:
                return StateProblems.NoState(organization, workspace);
        }
    }

    internal static async Task<Results<Ok<StateLockResponse>, ProblemHttpResult>> Lock(
        string organization, string workspace, HttpContext context, [FromServices] IWorkspaceLookup workspaces, StateStore store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await StateWorkspaces.MissingAsync(workspaces, organization, workspace, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (await StateRequestBody.ReadAsync(context.Request, MaxLockBodyBytes, cancellationToken) is not { } body)
        {
            return StateProblems.TooLarge(MaxLockBodyBytes);
        }

        if (StateLockInfo.Parse(body.Span, out var problem) is not { } info)
        {
            return StateProblems.Invalid(problem!);
        }

        var caller = context.GetCaller().Describe();
        var result = await store.LockAsync(organization, workspace, info, caller, cancellationToken);
        var logger = loggers.CreateLogger(StateLog.Category);
        if (!result.Acquired)
        {
            StateLog.LockRefused(logger, organization, workspace, "lock", caller, result.Lock.Id, result.Lock.LockedBy, result.Lock.LockedAt);
            return StateProblems.Locked(result.Lock, $"The state is already locked ({StateProblems.Holder(result.Lock)}). Wait for that run, or if it died, force-unlock it (state.manage): terraform force-unlock <id>, or DELETE …/state/lock.");
        }

        StateLog.Locked(logger, organization, workspace, caller, info.Id, info.Operation, info.Who);
        return TypedResults.Ok(StateLockResponse.From(result.Lock));
    }

    internal static async Task<Results<Ok<StateUnlockResponse>, ProblemHttpResult>> Unlock(
        string organization,
        string workspace,
        [FromQuery(Name = "ID")] string? queryId,
        HttpContext context,
        [FromServices] IWorkspaceLookup workspaces,
        StateStore store,
        AccessEvaluator access,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (await StateWorkspaces.MissingAsync(workspaces, organization, workspace, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (await StateRequestBody.ReadAsync(context.Request, MaxLockBodyBytes, cancellationToken) is not { } body)
        {
            return StateProblems.TooLarge(MaxLockBodyBytes);
        }

        var named = body.Length > 0 && !IsBlank(body.Span);
        string? problem = null;
        var id = named ? StateLockInfo.Parse(body.Span, out problem)?.Id : null;
        id ??= string.IsNullOrEmpty(queryId) ? null : queryId;
        var logger = loggers.CreateLogger(StateLog.Category);
        if (id is null)
        {
            return named ? StateProblems.Invalid(problem!) : await ForceUnlockAsync(organization, workspace, context, store, access, logger, cancellationToken);
        }

        var caller = context.GetCaller().Describe();
        var result = await store.UnlockAsync(organization, workspace, id, cancellationToken);
        switch (result.Status)
        {
            case StateUnlockStatus.Unlocked:
                StateLog.Unlocked(logger, organization, workspace, caller, id);
                return TypedResults.Ok(new StateUnlockResponse(true, StateLockResponse.From(result.Lock!)));
            case StateUnlockStatus.HeldByOther:
                StateLog.LockRefused(logger, organization, workspace, "unlock", caller, result.Lock!.Id, result.Lock.LockedBy, result.Lock.LockedAt);
                return StateProblems.Locked(result.Lock, $"Lock {id} is not the one held ({StateProblems.Holder(result.Lock)}). A holder of state.manage can force-unlock it: terraform force-unlock <id>, or DELETE …/state/lock.");
            default:
                return TypedResults.Ok(new StateUnlockResponse(false, null));
        }
    }

    /// <summary>
    /// An UNLOCK that names no lock is <c>terraform force-unlock</c>: terraform's http backend sends neither the lock
    /// info nor the ID the user typed, so the lock is released whoever holds it, for holders of <c>state.manage</c> only.
    /// </summary>
    private static async Task<Results<Ok<StateUnlockResponse>, ProblemHttpResult>> ForceUnlockAsync(
        string organization, string workspace, HttpContext context, StateStore store, AccessEvaluator access, ILogger logger, CancellationToken cancellationToken)
    {
        var scope = $"workspace:{organization}/{workspace}";
        if (!await access.IsAllowedAsync(context.GetCaller(), PermissionNames.StateManage, Scope.Of(ScopeKind.Workspace, $"{organization}/{workspace}"), cancellationToken))
        {
            return StateProblems.Forbidden(
                $"An UNLOCK that names no lock (terraform force-unlock sends none) releases the lock whoever holds it, which needs the '{PermissionNames.StateManage}' permission on '{scope}'. " +
                "To release a lock you hold, send its lock info {\"ID\": \"<lock id>\"} as the body or ?ID=<lock id>; otherwise ask someone who holds state.manage there.");
        }

        var result = await store.ForceUnlockAsync(organization, workspace, cancellationToken);
        if (result.Status != StateUnlockStatus.Unlocked)
        {
            return TypedResults.Ok(new StateUnlockResponse(false, null));
        }

        var released = result.Lock!;
        StateLog.ForceUnlocked(logger, organization, workspace, released.Id, released.LockedBy, released.LockedAt, context.GetCaller().Describe());
        return TypedResults.Ok(new StateUnlockResponse(true, StateLockResponse.From(released)));
    }

    private static bool IsBlank(ReadOnlySpan<byte> body) => Encoding.UTF8.GetString(body).Trim().Length == 0;
}
