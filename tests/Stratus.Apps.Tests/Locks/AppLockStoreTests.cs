using Stratus.Apps.Events;
using Stratus.Apps.Locks;
using Stratus.Testing;
using Stratus.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Apps.Tests.Locks;

public abstract class AppLockStoreTests(StorageBackend backend)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _clock = new();
    private readonly string _app = UniqueNames.Next("app");

    private AppLockStore Store() => new(backend.Account, _clock);

    [Fact]
    public async Task TryAcquireAsync_FreeApp_AcquiresWithLease()
    {
        var ct = TestTimeout.Token();
        var store = Store();

        var result = await store.TryAcquireAsync(_app, "ev1", EventKinds.AppDeploy, "alice", Lease, ct);

        Assert.True(result.Acquired);
        Assert.Equal("ev1", result.Holder!.EventId);
        Assert.Equal(_clock.GetUtcNow() + Lease, result.Holder.ExpiresAt);
        var stored = await store.GetAsync(_app, ct);
        Assert.Equal(result.Holder, stored);
    }

    [Fact]
    public async Task TryAcquireAsync_HeldByAnother_RefusedWithHolder()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.TryAcquireAsync(_app, "ev1", EventKinds.AppDeploy, "alice", Lease, ct);
        _clock.Advance(TimeSpan.FromMinutes(4));

        var second = await store.TryAcquireAsync(_app, "ev2", EventKinds.AppRestart, "bob", Lease, ct);

        Assert.False(second.Acquired);
        Assert.Equal("ev1", second.Holder!.EventId);
        Assert.Equal(EventKinds.AppDeploy, second.Holder.Kind);
        Assert.Equal("alice", second.Holder.Owner);
        Assert.Contains($"app({_app}) running app.deploy started by alice", second.Holder.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryAcquireAsync_SameEventAgain_SucceedsAndExtends()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var first = await store.TryAcquireAsync(_app, "ev1", EventKinds.AppDeploy, "alice", Lease, ct);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var again = await store.TryAcquireAsync(_app, "ev1", EventKinds.AppDeploy, "alice", Lease, ct);

        Assert.True(again.Acquired);
        Assert.Equal(first.Holder!.AcquiredAt, again.Holder!.AcquiredAt);
        Assert.Equal(_clock.GetUtcNow() + Lease, again.Holder.ExpiresAt);
    }

    [Fact]
    public async Task TryAcquireAsync_HolderExpired_TakesOver()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.TryAcquireAsync(_app, "ev1", EventKinds.AppDeploy, "alice", Lease, ct);
        _clock.Advance(Lease);

        var taken = await store.TryAcquireAsync(_app, "ev2", EventKinds.AppRestart, "bob", Lease, ct);

        Assert.True(taken.Acquired);
        Assert.Equal("ev2", (await store.GetAsync(_app, ct))!.EventId);
        Assert.False(await store.RenewAsync(_app, "ev1", Lease, ct));
        Assert.True(await store.RenewAsync(_app, "ev2", Lease, ct));
    }

    [Fact]
    public async Task TryAcquireAsync_TwentyConcurrent_ExactlyOneWins()
    {
        var ct = TestTimeout.Token();
        var store = Store();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store.TryAcquireAsync(_app, $"ev{i}", EventKinds.AppDeploy, $"user{i}", Lease, ct)));

        var winner = Assert.Single(results, r => r.Acquired);
        Assert.All(results.Where(r => !r.Acquired), r => Assert.Equal(winner.Holder!.EventId, r.Holder!.EventId));
        Assert.Equal(winner.Holder!.EventId, (await store.GetAsync(_app, ct))!.EventId);
    }

    [Fact]
    public async Task TryAcquireAsync_TwentyConcurrentOnExpiredLock_ExactlyOneTakesOver()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.TryAcquireAsync(_app, "old", EventKinds.AppDeploy, "alice", Lease, ct);
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store.TryAcquireAsync(_app, $"ev{i}", EventKinds.AppDeploy, $"user{i}", Lease, ct)));

        var winner = Assert.Single(results, r => r.Acquired);
        Assert.Equal(winner.Holder!.EventId, (await store.GetAsync(_app, ct))!.EventId);
    }

    [Fact]
    public async Task ReleaseAsync_ByNonHolder_IsIgnored()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.TryAcquireAsync(_app, "ev1", EventKinds.AppDeploy, "alice", Lease, ct);

        Assert.False(await store.ReleaseAsync(_app, "ev2", ct));
        Assert.Equal("ev1", (await store.GetAsync(_app, ct))!.EventId);

        Assert.True(await store.ReleaseAsync(_app, "ev1", ct));
        Assert.False(await store.ReleaseAsync(_app, "ev1", ct));
        Assert.Null(await store.GetAsync(_app, ct));
        Assert.True((await store.TryAcquireAsync(_app, "ev2", EventKinds.AppDeploy, "bob", Lease, ct)).Acquired);
    }

    [Fact]
    public async Task RenewAsync_AfterRelease_ReturnsFalse()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.TryAcquireAsync(_app, "ev1", EventKinds.AppDeploy, "alice", Lease, ct);
        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.True(await store.RenewAsync(_app, "ev1", Lease, ct));
        Assert.Equal(_clock.GetUtcNow() + Lease, (await store.GetAsync(_app, ct))!.ExpiresAt);
        await store.ReleaseAsync(_app, "ev1", ct);
        Assert.False(await store.RenewAsync(_app, "ev1", Lease, ct));
    }

    [Fact]
    public async Task ForceReleaseAsync_AnyHolder_FreesTheApp()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.TryAcquireAsync(_app, "ev1", EventKinds.AppDeploy, "alice", Lease, ct);

        Assert.True(await store.ForceReleaseAsync(_app, ct));

        Assert.Null(await store.GetAsync(_app, ct));
    }
}

public sealed class EmbeddedAppLockStoreTests(EmbeddedStorageBackend backend) : AppLockStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteAppLockStoreTests(AzuriteStorageBackend backend) : AppLockStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
