namespace Stratus.Standalone.Triggers.Timers;

/// <summary>
/// Settings of the standalone timer loop, bound from <c>Stratus:Functions</c>. <see cref="HostId"/> scopes the lease and
/// status blobs, so instances sharing one store and host id act as one function app (as the Functions host id does).
/// </summary>
internal sealed class StandaloneTimerOptions
{
    public const string SectionName = "Stratus:Functions";

    /// <summary>1–32 lower-case letters, digits and single hyphens, not at either end (the Functions host id rule).</summary>
    public string HostId { get; set; } = "stratus";

    /// <summary>
    /// How long one timer lease lasts (15–60 s, as blob leases allow). The holder renews it every third of this, and
    /// another instance takes over at most this long (plus a third) after the holder dies.
    /// </summary>
    public TimeSpan TimerLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);
}
