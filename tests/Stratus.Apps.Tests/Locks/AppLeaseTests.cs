using Stratus.Apps.Events;
using Stratus.Apps.Locks;
using Stratus.Testing;
using Stratus.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Apps.Tests.Locks;

public abstract class AppLeaseTests(StorageBackend backend)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new();
    private readonly string _app = UniqueNames.Next("app");

    private AppLockStore Store() => new(backend.Account, _clock);

    [Fact]
    public async Task HoldAsync_ClockPassesAThird_RenewsTheLease()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.TryAcquireAsync(_app, "ev1", EventKinds.AppDeploy, "alice", Lease, ct);
        await using var lease = await AppLease.HoldAsync(store, _app, "ev1", Lease, _clock, ct);

        _clock.Advance(Lease / 3);

        var expected = _clock.GetUtcNow() + Lease;
        while ((await store.GetAsync(_app, ct))!.ExpiresAt != expected)
        {
            await Task.Delay(10, ct);
        }

        Assert.False(lease.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task HoldAsync_LockTakenByAnother_CancelsLost()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.TryAcquireAsync(_app, "ev1", EventKinds.AppDeploy, "alice", Lease, ct);
        await using var lease = await AppLease.HoldAsync(store, _app, "ev1", Lease, _clock, ct);
        await store.ForceReleaseAsync(_app, ct);
        await store.TryAcquireAsync(_app, "ev2", EventKinds.AppRestart, "bob", Lease, ct);

        _clock.Advance(Lease / 3);

        var lost = new TaskCompletionSource();
        using (lease.Lost.Register(() => lost.TrySetResult()))
        {
            await lost.Task.WaitAsync(ct);
        }

        Assert.True(lease.IsLost);
        Assert.Equal("ev2", (await store.GetAsync(_app, ct))!.EventId);
    }

    [Fact]
    public async Task HoldAsync_NotTheHolder_Throws()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.TryAcquireAsync(_app, "ev1", EventKinds.AppDeploy, "alice", Lease, ct);

        var ex = await Assert.ThrowsAsync<AppLockLostException>(() => AppLease.HoldAsync(store, _app, "ev2", Lease, _clock, ct));

        Assert.Equal("ev2", ex.EventId);
    }

    [Fact]
    public async Task DisposeAsync_StopsRenewing_KeepsTheLock()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.TryAcquireAsync(_app, "ev1", EventKinds.AppDeploy, "alice", Lease, ct);
        var lease = await AppLease.HoldAsync(store, _app, "ev1", Lease, _clock, ct);
        var before = (await store.GetAsync(_app, ct))!.ExpiresAt;

        await lease.DisposeAsync();
        _clock.Advance(Lease / 3);

        Assert.Equal(before, (await store.GetAsync(_app, ct))!.ExpiresAt);
        Assert.Equal("ev1", (await store.GetAsync(_app, ct))!.EventId);
    }
}

public sealed class EmbeddedAppLeaseTests(EmbeddedStorageBackend backend) : AppLeaseTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteAppLeaseTests(AzuriteStorageBackend backend) : AppLeaseTests(backend), IClassFixture<AzuriteStorageBackend>;
