namespace Stratus.Standalone.Triggers.Timers;

/// <summary>
/// The singleton lock of one timer function: only the holder fires it. A lease can lapse without the holder noticing
/// in time, so the lease only keeps instances from competing; the status blob's ETag is what keeps an occurrence from
/// running twice.
/// </summary>
internal interface ITimerLease
{
    /// <summary>The lock's name, for logs.</summary>
    string Name { get; }

    /// <returns><c>true</c> if this instance now holds the lease (acquiring again while holding it renews it).</returns>
    Task<bool> TryAcquireAsync(CancellationToken cancellationToken);

    /// <returns><c>false</c> if the lease is no longer this instance's.</returns>
    Task<bool> TryRenewAsync(CancellationToken cancellationToken);

    /// <summary>Lets another instance take over at once instead of after the lease runs out.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}
