using Microsoft.Extensions.Options;
using Stratus.Storage;

namespace Stratus.Standalone.Triggers.Timers;

internal sealed class BlobTimerLeaseFactory(IStorageAccount storage, IOptions<StandaloneTimerOptions> options) : ITimerLeaseFactory
{
    public ITimerLease Create(string hostId, string functionName) => new BlobTimerLease(
        storage.Blobs.GetContainer(TimerStorageNames.Container),
        TimerStorageNames.LockBlob(hostId, functionName),
        options.Value.TimerLeaseDuration);
}
