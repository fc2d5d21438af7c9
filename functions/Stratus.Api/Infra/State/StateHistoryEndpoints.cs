using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Infra.State;
using Stratus.Infra.Workspaces;

namespace Stratus.Api.Infra.State;

/// <summary>State history (list, metadata, download), rollback, and the lock as an operator sees it (read, force-unlock).</summary>
internal static class StateHistoryEndpoints
{
    internal static async Task<Results<Ok<StateVersionListResponse>, ProblemHttpResult>> ListVersions(
        string organization, string workspace, int? limit, string? continuation, [FromServices] IWorkspaceLookup workspaces, StateStore store, CancellationToken cancellationToken)
    {
        if (await StateWorkspaces.MissingAsync(workspaces, organization, workspace, cancellationToken) is { } missing)
        {
            return missing;
        }

        var (size, problem) = ApiProblems.PageSize(limit);
        if (problem is not null)
        {
            return problem;
        }

        long? from = null;
        if (continuation is not null)
        {
            if (ParseVersion(continuation) is not { } parsed)
            {
                return ApiProblems.BadContinuation();
            }

            from = parsed;
        }

        var current = await store.GetCurrentAsync(organization, workspace, cancellationToken);
        var page = await store.ListVersionsAsync(organization, workspace, size, from, cancellationToken);
        return TypedResults.Ok(new StateVersionListResponse(
            page.Items.Select(v => StateVersionResponse.From(v, current?.Number)).ToList(),
            page.NextVersion?.ToString(CultureInfo.InvariantCulture)));
    }

    internal static async Task<Results<Ok<StateVersionResponse>, ProblemHttpResult>> GetVersion(
        string organization, string workspace, string version, [FromServices] IWorkspaceLookup workspaces, StateStore store, CancellationToken cancellationToken)
    {
        if (await StateWorkspaces.MissingAsync(workspaces, organization, workspace, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (ParseVersion(version) is not { } number || await store.GetVersionAsync(organization, workspace, number, cancellationToken) is not { } found)
        {
            return StateProblems.NoVersion(version);
        }

        var current = await store.GetCurrentAsync(organization, workspace, cancellationToken);
        return TypedResults.Ok(StateVersionResponse.From(found, current?.Number));
    }

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadVersion(
        string organization, string workspace, string version, HttpContext context, [FromServices] IWorkspaceLookup workspaces, StateStore store, CancellationToken cancellationToken)
    {
        if (await StateWorkspaces.MissingAsync(workspaces, organization, workspace, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (ParseVersion(version) is not { } number || await store.OpenVersionAsync(organization, workspace, number, cancellationToken) is not { } content)
        {
            return StateProblems.NoVersion(version);
        }

        return StateDownload.Result(context, content, $"{organization}-{workspace}-v{number.ToString(CultureInfo.InvariantCulture)}.tfstate");
    }

    internal static async Task<Results<Created<StateVersionResponse>, ProblemHttpResult>> Rollback(
        string organization,
        string workspace,
        string version,
        [FromQuery(Name = "ID")] string? lockId,
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

        if (ParseVersion(version) is not { } number)
        {
            return StateProblems.NoVersion(version);
        }

        var caller = context.GetCaller().Describe();
        var result = await store.RollbackAsync(organization, workspace, number, caller, lockId, cancellationToken);
        var logger = loggers.CreateLogger(StateLog.Category);
        switch (result.Status)
        {
            case StateWriteStatus.Created:
                var created = result.Version!;
                StateLog.RolledBack(logger, organization, workspace, number, created.Number, created.Serial, caller);
                return TypedResults.Created(StateApi.VersionPath(organization, workspace, created.Number), StateVersionResponse.From(created, created.Number));
            case StateWriteStatus.VersionNotFound:
                return StateProblems.NoVersion(version);
            case StateWriteStatus.Locked:
                StateLog.LockRefused(logger, organization, workspace, "rollback", caller, result.Lock!.Id, result.Lock.LockedBy, result.Lock.LockedAt);
                return StateProblems.Locked(result.Lock, $"The state is locked ({StateProblems.Holder(result.Lock)}); roll back when it is free, or pass that lock's ?ID= if it is yours.");
            default:
                return StateProblems.Conflict(result.Problem!);
        }
    }

    internal static async Task<Results<Ok<StateLockResponse>, ProblemHttpResult>> GetLock(
        string organization, string workspace, [FromServices] IWorkspaceLookup workspaces, StateStore store, CancellationToken cancellationToken)
    {
        if (await StateWorkspaces.MissingAsync(workspaces, organization, workspace, cancellationToken) is { } missing)
        {
            return missing;
        }

        return await store.GetLockAsync(organization, workspace, cancellationToken) is { } held
            ? TypedResults.Ok(StateLockResponse.From(held))
            : StateProblems.NotLocked(organization, workspace);
    }

    internal static async Task<Results<Ok<StateLockResponse>, ProblemHttpResult>> ForceUnlock(
        string organization, string workspace, HttpContext context, [FromServices] IWorkspaceLookup workspaces, StateStore store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await StateWorkspaces.MissingAsync(workspaces, organization, workspace, cancellationToken) is { } missing)
        {
            return missing;
        }

        var result = await store.ForceUnlockAsync(organization, workspace, cancellationToken);
        if (result.Status != StateUnlockStatus.Unlocked)
        {
            return StateProblems.NotLocked(organization, workspace);
        }

        var released = result.Lock!;
        StateLog.ForceUnlocked(loggers.CreateLogger(StateLog.Category), organization, workspace, released.Id, released.LockedBy, released.LockedAt, context.GetCaller().Describe());
        return TypedResults.Ok(StateLockResponse.From(released));
    }

    /// <returns>A version number (1 or more), or <c>null</c> if the text is not one.</returns>
    private static long? ParseVersion(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 ? number : null;
}
