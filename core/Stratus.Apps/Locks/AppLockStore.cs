using Azure;
using Stratus.Apps.Names;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps.Locks;

/// <summary>
/// One operation per app at a time, in <c>StratusAppLocks</c>: a row per app (partition <c>lock|&lt;app&gt;</c>) naming
/// the holding event and when its lease ends. Every change is ETag-guarded, so of two operations that both see the
/// lock free (absent or expired) exactly one wins. A lease that is not renewed expires, so a crashed holder never
/// leaves the app stuck; the same event acquiring again succeeds, so a retried activity continues its own operation.
/// The lock lives apart from the app's rows so that removing an app, which runs under it, does not remove it.
/// </summary>
public sealed class AppLockStore(IStorageAccount storage, TimeProvider time)
{
    public const string TableName = "StratusAppLocks";
    private const string Row = "lock";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly AppsTable _ensure = new();

    public async Task<AppLockResult> TryAcquireAsync(string app, string eventId, string kind, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        InvalidAppRequestException.ThrowIfProblem(AppNames.AppProblem(app));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        await _ensure.EnsureAsync(_table, cancellationToken);
        while (true)
        {
            var entity = await _table.GetAsync(Partition(app), Row, cancellationToken);
            var now = time.GetUtcNow();
            var current = entity is null ? null : FromEntity(app, entity);
            if (current is not null && current.EventId != eventId && !current.IsExpired(now))
            {
                return new AppLockResult(false, current);
            }

            var ours = current is not null && current.EventId == eventId
                ? current with { RenewedAt = now, ExpiresAt = now + leaseDuration }
                : new AppLock(app, eventId, kind, owner, now, now, now + leaseDuration);
            try
            {
                var etag = entity is null
                    ? await _table.InsertAsync(ToEntity(ours), cancellationToken)
                    : await _table.ReplaceAsync(ToEntity(ours), entity.ETag, cancellationToken);
                return new AppLockResult(true, ours with { ETag = etag.ToString() });
            }
            catch (Exception ex) when (ex is ResourceConflictException or PreconditionFailedException or ResourceNotFoundException)
            {
                // Someone else wrote the lock between our read and write: look again at who holds it now.
            }
        }
    }

    /// <summary>Extends the lease of <paramref name="eventId"/> by <paramref name="leaseDuration"/> from now.</summary>
    /// <returns><c>false</c> if the event no longer holds the lock (released, or expired and taken by another).</returns>
    public async Task<bool> RenewAsync(string app, string eventId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        if (AppNames.AppProblem(app) is not null)
        {
            return false;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        while (true)
        {
            var entity = await _table.GetAsync(Partition(app), Row, cancellationToken);
            if (entity is null || FromEntity(app, entity) is not { } current || current.EventId != eventId)
            {
                return false;
            }

            // An expired lease nobody took is still ours: renewing it is safe because every taker goes through the ETag.
            var now = time.GetUtcNow();
            try
            {
                await _table.ReplaceAsync(ToEntity(current with { RenewedAt = now, ExpiresAt = now + leaseDuration }), entity.ETag, cancellationToken);
                return true;
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException)
            {
                // Changed meanwhile: find out whether it is still ours.
            }
        }
    }

    /// <summary>Releases the lock if <paramref name="eventId"/> holds it; anyone else's release is ignored.</summary>
    /// <returns><c>true</c> if this call released it.</returns>
    public async Task<bool> ReleaseAsync(string app, string eventId, CancellationToken cancellationToken)
    {
        if (AppNames.AppProblem(app) is not null)
        {
            return false;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        while (true)
        {
            var entity = await _table.GetAsync(Partition(app), Row, cancellationToken);
            if (entity is null || entity.GetString("EventId") != eventId)
            {
                return false;
            }

            try
            {
                await _table.DeleteAsync(Partition(app), Row, entity.ETag, cancellationToken);
                return true;
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException)
            {
                // Renewed or taken meanwhile: look again.
            }
        }
    }

    /// <summary>The lock as stored (possibly expired), or <c>null</c> if the app is free.</summary>
    public async Task<AppLock?> GetAsync(string app, CancellationToken cancellationToken)
    {
        if (AppNames.AppProblem(app) is not null)
        {
            return null;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(Partition(app), Row, cancellationToken) is { } entity ? FromEntity(app, entity) : null;
    }

    /// <summary>Removes the lock whoever holds it: the operator's way out, for a holder known to be gone.</summary>
    /// <returns><c>true</c> if there was a lock.</returns>
    public async Task<bool> ForceReleaseAsync(string app, CancellationToken cancellationToken)
    {
        if (AppNames.AppProblem(app) is not null)
        {
            return false;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        try
        {
            await _table.DeleteAsync(Partition(app), Row, ETag.All, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    private static string Partition(string app) => "lock|" + app;

    private static TableEntity ToEntity(AppLock l) => new(Partition(l.App), Row)
    {
        ["EventId"] = l.EventId,
        ["Kind"] = l.Kind,
        ["Owner"] = l.Owner,
        ["AcquiredAt"] = l.AcquiredAt,
        ["RenewedAt"] = l.RenewedAt,
        ["ExpiresAt"] = l.ExpiresAt,
    };

    private static AppLock FromEntity(string app, TableEntity e) => new(
        app,
        e.GetString("EventId") ?? "",
        e.GetString("Kind") ?? "",
        e.GetString("Owner") ?? "",
        e.GetDateTimeOffset("AcquiredAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("RenewedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
        e.ETag.ToString());
}
