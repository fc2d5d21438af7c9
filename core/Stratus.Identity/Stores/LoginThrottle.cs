using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Identity.Stores;

/// <summary>
/// Brute-force protection shared by every instance: one row per key (a user name, a presented credential, a client
/// address) in the identity table. A key allows <c>limit</c> counted attempts per <see cref="Window"/>; the attempt that
/// uses up the last one locks the key for 30 s, and after each lockout one more attempt is allowed, which starts the
/// next lockout, doubling up to 15 minutes. A key is forgotten once <see cref="Window"/> has passed since its first
/// attempt and since its last lockout ended, so waiting out each lockout does not reset the doubling.
/// </summary>
/// <remarks>
/// An attempt is counted before its credential is checked, in one optimistic-concurrency write (ETag, retried on
/// conflict), so concurrent guesses can never be checked past the limit; a locked key refuses with a read only, no write.
/// </remarks>
public sealed class LoginThrottle(IdentityTable identity, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan FirstLockout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);
    internal const string Partition = "throttle";

    /// <returns>How long the key stays locked, or <c>null</c> if attempts are allowed.</returns>
    public async Task<TimeSpan?> LockedForAsync(string key, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        var entity = await table.GetAsync(Partition, key, cancellationToken);
        var remaining = entity?.GetDateTimeOffset("LockedUntil") - time.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : null;
    }

    /// <summary>Counts one attempt against <paramref name="key"/>, unless the key is locked.</summary>
    /// <param name="limit">Attempts allowed per <see cref="Window"/> before the first lockout.</param>
    public async Task<ThrottledAttempt> CountAttemptAsync(string key, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var table = await identity.GetAsync(cancellationToken);
        while (true)
        {
            var now = time.GetUtcNow();
            var entity = await table.GetAsync(Partition, key, cancellationToken);
            if (entity?.GetDateTimeOffset("LockedUntil") is { } lockedUntil && lockedUntil > now)
            {
                return ThrottledAttempt.Refused(lockedUntil - now);
            }

            var windowStart = entity?.GetDateTimeOffset("WindowStart") is { } start && now - Later(start, entity.GetDateTimeOffset("LockedUntil")) <= Window ? start : (DateTimeOffset?)null;
            var attempts = windowStart is null ? 0 : entity!.GetInt32("Attempts") ?? 0;
            var lockouts = windowStart is null ? 0 : entity!.GetInt32("Lockouts") ?? 0;

            // The count stops at the limit: past it, each attempt (one per lockout) starts the next lockout instead.
            attempts = Math.Min(attempts + 1, limit);
            TimeSpan? lockout = attempts >= limit ? Lockout(++lockouts) : null;
            var updated = new TableEntity(Partition, key)
            {
                ["Attempts"] = attempts,
                ["Lockouts"] = lockouts,
                ["WindowStart"] = windowStart ?? now,
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

                return ThrottledAttempt.Counted(lockout);
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceConflictException or ResourceNotFoundException)
            {
                // Another attempt on the same key (or a reset) landed first: decide again on top of it.
            }
        }
    }

    /// <summary>Forgets the key's attempts and lifts its lockout: the credential was proven right.</summary>
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

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset? b) => b > a ? b.Value : a;

    private static TimeSpan Lockout(int number) =>
        TimeSpan.FromTicks(Math.Min(MaxLockout.Ticks, FirstLockout.Ticks << Math.Min(number - 1, 10)));
}
