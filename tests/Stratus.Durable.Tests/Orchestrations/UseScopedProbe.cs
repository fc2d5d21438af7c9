using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Takes a scoped <see cref="ScopedProbe"/> and returns its id; fails if it gets one already disposed.</summary>
internal sealed class UseScopedProbe(ScopedProbe probe) : TaskActivity<int, Guid>
{
    public override Task<Guid> RunAsync(TaskActivityContext context, int input) =>
        probe.IsDisposed ? throw new ObjectDisposedException(nameof(ScopedProbe)) : Task.FromResult(probe.Id);
}
