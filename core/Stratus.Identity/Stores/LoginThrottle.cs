using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Identity.Stores;

/// <summary>
/// Brute-force protection shared by every instance: failures per key (a user name or a client address) are counted in
/// the table; after <see cref="FreeAttempts"/> failures within <see cref="Window"/>, the key is locked out for 30 s,
/// doubling with each further failure up to 15 minutes. A success clears the key.
/// </summary>
public sealed class LoginThrottle(IdentityTable identity, TimeProvider time)
{
    public const int FreeAttempts = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan FirstLockout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);
    private const string Partition = "throttle";

    /// <returns>How long the key stays locked, or <c>null</c> if attempts are allowed.</returns>
    public async Task<TimeSpan?> LockedForAsync(string key, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        var entity = await table.GetAsync(Partition, key, cancellationToken);
        var remaining = entity?.GetDateTimeOffset("LockedUntil") - time.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : null;
    }

    /// <returns>The lockout this failure started, or <c>null</c> while attempts remain.</returns>
    public async Task<TimeSpan?> RecordFailureAsync(string key, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        while (true)
        {
            var now = time.GetUtcNow();
            var entity = await table.GetAsync(Partition, key, cancellationToken);
            var fresh = entity is null || entity.GetDateTimeOffset("WindowStart") is not { } start || now - start > Window;
            var failures = fresh ? 1 : (entity!.GetInt32("Failures") ?? 0) + 1;
            TimeSpan? lockout = failures > FreeAttempts
                ? TimeSpan.FromTicks(Math.Min(MaxLockout.Ticks, FirstLockout.Ticks << Math.Min(failures - FreeAttempts - 1, 10)))
                : null;
            var updated = new TableEntity(Partition, key)
            {
                ["Failures"] = failures,
                ["WindowStart"] = fresh ? now : entity!.GetDateTimeOffset("WindowStart"),
                ["LockedUntil"] = lockout is { } l ? now + l : null,
            };
            try
            {
                if (entity is null)
                {
                    await table.InsertAsync(updated, cancellationToken);
                }
                else
                {
                    await table.ReplaceAsync(updated, entity.ETag, cancellationToken);
                }

                return lockout;
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceConflictException or ResourceNotFoundException)
            {
                // Another failure for the same key landed first: count on top of it.
            }
        }
    }

    public async Task ResetAsync(string key, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        try
        {
            await table.DeleteAsync(Partition, key, Azure.ETag.All, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            // Nothing to clear.
        }
    }
}
