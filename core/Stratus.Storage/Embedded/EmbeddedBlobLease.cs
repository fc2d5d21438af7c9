using Stratus.Storage.Blobs;

namespace Stratus.Storage.Embedded;

/// <summary>
/// A blob's lease as stored, and the Blob service's lease state machine over it (as Azurite implements it). Expiry
/// and break periods are not timers: the effective state is worked out from the clock whenever the lease is read,
/// so an expired lease needs no background sweep. Times are UTC ticks.
/// </summary>
internal readonly record struct EmbeddedBlobLease(int StoredState, string? Id, long? DurationTicks, long? ExpiresTicks, long? BreakAtTicks)
{
    public const int StoredNone = 0;
    public const int StoredLeased = 1;
    public const int StoredBreaking = 2;
    public const int StoredBroken = 3;

    public BlobLeaseState Effective(long now) => StoredState switch
    {
        StoredLeased => ExpiresTicks is null || now < ExpiresTicks ? BlobLeaseState.Leased : BlobLeaseState.Expired,
        StoredBreaking => now < BreakAtTicks ? BlobLeaseState.Breaking : BlobLeaseState.Broken,
        StoredBroken => BlobLeaseState.Broken,
        _ => BlobLeaseState.Available,
    };

    public EmbeddedBlobLease Acquire(string blob, long now, TimeSpan? duration, string? proposedId)
    {
        switch (Effective(now))
        {
            case BlobLeaseState.Leased when proposedId is null || !IsHeldBy(proposedId):
                throw EmbeddedErrors.LeaseAlreadyPresent(blob);
            case BlobLeaseState.Breaking:
                throw proposedId is not null && IsHeldBy(proposedId)
                    ? EmbeddedErrors.LeaseIsBreakingAndCannotBeAcquired(blob)
                    : EmbeddedErrors.LeaseAlreadyPresent(blob);
        }

        var id = proposedId ?? Guid.NewGuid().ToString();
        return new EmbeddedBlobLease(StoredLeased, id, duration?.Ticks, duration is { } d ? now + d.Ticks : null, null);
    }

    public EmbeddedBlobLease Renew(string blob, long now, string leaseId)
    {
        switch (Effective(now))
        {
            // A holder may renew an expired lease as long as nobody acquired it (or wrote the blob) in between.
            case BlobLeaseState.Leased or BlobLeaseState.Expired when IsHeldBy(leaseId):
                return this with { ExpiresTicks = DurationTicks is { } d ? now + d : null };
            case BlobLeaseState.Breaking or BlobLeaseState.Broken when IsHeldBy(leaseId):
                throw EmbeddedErrors.LeaseIsBrokenAndCannotBeRenewed(blob);
            default:
                throw EmbeddedErrors.LeaseIdMismatchWithLeaseOperation(blob);
        }
    }

    public EmbeddedBlobLease Release(string blob, long now, string leaseId) =>
        Effective(now) != BlobLeaseState.Available && IsHeldBy(leaseId)
            ? default
            : throw EmbeddedErrors.LeaseIdMismatchWithLeaseOperation(blob);

    /// <summary>Breaks the lease; <paramref name="remaining"/> is the time until it is broken.</summary>
    public EmbeddedBlobLease Break(string blob, long now, TimeSpan? breakPeriod, out TimeSpan remaining)
    {
        remaining = TimeSpan.Zero;
        switch (Effective(now))
        {
            case BlobLeaseState.Leased:
                // Without a period a fixed lease runs out its term and an infinite one breaks now; a given period is
                // cut short by the end of the term.
                var term = ExpiresTicks is { } expires ? TimeSpan.FromTicks(expires - now) : (TimeSpan?)null;
                var period = breakPeriod is { } p ? (term is { } t && t < p ? t : p) : term ?? TimeSpan.Zero;
                return BreakAfter(now, period, out remaining);
            case BlobLeaseState.Breaking:
                var left = TimeSpan.FromTicks(BreakAtTicks!.Value - now);
                if (breakPeriod is null)
                {
                    remaining = left;
                    return this;
                }

                return BreakAfter(now, breakPeriod.Value < left ? breakPeriod.Value : left, out remaining);
            case BlobLeaseState.Broken or BlobLeaseState.Expired:
                return this with { StoredState = StoredBroken, DurationTicks = null, ExpiresTicks = null, BreakAtTicks = null };
            default:
                throw EmbeddedErrors.LeaseNotPresentWithLeaseOperation(blob);
        }
    }

    /// <summary>A write (upload, metadata, delete) on a leased blob must carry the lease id, and only then.</summary>
    public void CheckWrite(string blob, long now, string? leaseId)
    {
        if (Effective(now) is BlobLeaseState.Leased or BlobLeaseState.Breaking)
        {
            if (leaseId is null)
            {
                throw EmbeddedErrors.LeaseIdMissing(blob);
            }

            if (!IsHeldBy(leaseId))
            {
                throw EmbeddedErrors.LeaseIdMismatchWithBlobOperation(blob);
            }
        }
        else if (leaseId is not null)
        {
            throw EmbeddedErrors.LeaseNotPresentWithBlobOperation(blob);
        }
    }

    /// <summary>A read needs no lease id, but one that is given must be the active lease's.</summary>
    public void CheckRead(string blob, long now, string? leaseId)
    {
        if (leaseId is null)
        {
            return;
        }

        if (Effective(now) is not (BlobLeaseState.Leased or BlobLeaseState.Breaking))
        {
            throw EmbeddedErrors.LeaseNotPresentWithBlobOperation(blob);
        }

        if (!IsHeldBy(leaseId))
        {
            throw EmbeddedErrors.LeaseIdMismatchWithBlobOperation(blob);
        }
    }

    /// <summary>The lease after a successful write: an active lease stays, an expired or broken one is cleared.</summary>
    public EmbeddedBlobLease AfterWrite(long now) =>
        Effective(now) is BlobLeaseState.Leased or BlobLeaseState.Breaking ? this : default;

    private bool IsHeldBy(string leaseId) => string.Equals(Id, leaseId, StringComparison.OrdinalIgnoreCase);

    private EmbeddedBlobLease BreakAfter(long now, TimeSpan period, out TimeSpan remaining)
    {
        if (period <= TimeSpan.Zero)
        {
            remaining = TimeSpan.Zero;
            return new EmbeddedBlobLease(StoredBroken, Id, null, null, null);
        }

        remaining = period;
        return new EmbeddedBlobLease(StoredBreaking, Id, null, null, now + period.Ticks);
    }
}
