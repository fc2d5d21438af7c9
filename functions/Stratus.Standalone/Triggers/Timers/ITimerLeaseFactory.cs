namespace Stratus.Standalone.Triggers.Timers;

/// <summary>Makes the lease of one timer function; each runner gets its own, with its own lease id.</summary>
internal interface ITimerLeaseFactory
{
    ITimerLease Create(string hostId, string functionName);
}
