using Stratus.Standalone.Triggers.Timers;

namespace Stratus.Standalone.Tests.Triggers.Timers;

/// <summary>Leases that every instance holds at once: the worst case of a lapsed lease, left to the status ETag.</summary>
internal sealed class AlwaysHeldLeaseFactory : ITimerLeaseFactory
{
    public ITimerLease Create(string hostId, string functionName) => new AlwaysHeldLease($"always/{hostId}/{functionName}");

    private sealed class AlwaysHeldLease(string name) : ITimerLease
    {
        public string Name => name;

        public Task<bool> TryAcquireAsync(CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> TryRenewAsync(CancellationToken cancellationToken) => Task.FromResult(true);

        public Task ReleaseAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
