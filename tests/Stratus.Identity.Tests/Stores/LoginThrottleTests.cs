using Stratus.Identity.Stores;
using Stratus.Testing;
using Stratus.Testing.Storage;

namespace Stratus.Identity.Tests.Stores;

public abstract class LoginThrottleTests(StorageBackend backend)
{
    private readonly IdentityStores _stores = new(backend.Account);

    private static string NewKey() => UniqueNames.Next("user:");

    private async Task FailAsync(string key, int times, CancellationToken ct)
    {
        for (var i = 0; i < times; i++)
        {
            await _stores.Throttle.RecordFailureAsync(key, ct);
        }
    }

    [Fact]
    public async Task RecordFailureAsync_FiveFailures_DoNotLockAndTheSixthLocksFor30Seconds()
    {
        var ct = TestTimeout.Token();
        var key = NewKey();

        for (var i = 0; i < LoginThrottle.FreeAttempts; i++)
        {
            Assert.Null(await _stores.Throttle.RecordFailureAsync(key, ct));
            Assert.Null(await _stores.Throttle.LockedForAsync(key, ct));
        }

        Assert.Equal(TimeSpan.FromSeconds(30), await _stores.Throttle.RecordFailureAsync(key, ct));
        Assert.Equal(TimeSpan.FromSeconds(30), await _stores.Throttle.LockedForAsync(key, ct));
    }

    [Fact]
    public async Task LockedForAsync_AsTimePasses_CountsDownAndEnds()
    {
        var ct = TestTimeout.Token();
        var key = NewKey();
        await FailAsync(key, 6, ct);

        _stores.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(10), await _stores.Throttle.LockedForAsync(key, ct));

        _stores.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(await _stores.Throttle.LockedForAsync(key, ct));

        _stores.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await _stores.Throttle.LockedForAsync(key, ct));
    }

    [Fact]
    public async Task RecordFailureAsync_FurtherFailures_DoubleTheLockoutUpTo15Minutes()
    {
        var ct = TestTimeout.Token();
        var key = NewKey();
        await FailAsync(key, 5, ct);

        var lockouts = new List<TimeSpan?>();
        for (var i = 0; i < 7; i++)
        {
            lockouts.Add(await _stores.Throttle.RecordFailureAsync(key, ct));
        }

        Assert.Equal(
            new TimeSpan?[] { TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(240), TimeSpan.FromSeconds(480), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15) },
            lockouts);
        Assert.Equal(TimeSpan.FromMinutes(15), await _stores.Throttle.LockedForAsync(key, ct));
    }

    [Fact]
    public async Task ResetAsync_LockedKey_ClearsLockoutAndCount()
    {
        var ct = TestTimeout.Token();
        var key = NewKey();
        await FailAsync(key, 6, ct);

        await _stores.Throttle.ResetAsync(key, ct);

        Assert.Null(await _stores.Throttle.LockedForAsync(key, ct));
        Assert.Null(await _stores.Throttle.RecordFailureAsync(key, ct));
        Assert.Equal(1, (await _stores.RowsAsync("throttle", ct)).Single(e => e.RowKey == key).GetInt32("Failures"));
    }

    [Fact]
    public async Task ResetAsync_UnknownKey_DoesNothing()
    {
        var ct = TestTimeout.Token();
        var key = NewKey();

        await _stores.Throttle.ResetAsync(key, ct);

        Assert.Null(await _stores.Throttle.LockedForAsync(key, ct));
    }

    [Fact]
    public async Task RecordFailureAsync_AfterTheWindow_StartsCountingAgain()
    {
        var ct = TestTimeout.Token();
        var key = NewKey();
        await FailAsync(key, 5, ct);

        _stores.Clock.Advance(LoginThrottle.Window + TimeSpan.FromSeconds(1));

        Assert.Null(await _stores.Throttle.RecordFailureAsync(key, ct));
        Assert.Equal(1, (await _stores.RowsAsync("throttle", ct)).Single(e => e.RowKey == key).GetInt32("Failures"));
    }

    [Fact]
    public async Task RecordFailureAsync_KeysAreIndependent()
    {
        var ct = TestTimeout.Token();
        var locked = NewKey();
        var other = NewKey();
        await FailAsync(locked, 6, ct);

        Assert.NotNull(await _stores.Throttle.LockedForAsync(locked, ct));
        Assert.Null(await _stores.Throttle.LockedForAsync(other, ct));
        Assert.Null(await _stores.Throttle.RecordFailureAsync(other, ct));
    }

    [Fact]
    public async Task RecordFailureAsync_TenConcurrentFailures_CountsEveryOne()
    {
        var ct = TestTimeout.Token();
        var key = NewKey();

        // Separate throttles over separate table clients, as separate instances would be.
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(
            () => new IdentityStores(backend.Account, _stores.Clock).Throttle.RecordFailureAsync(key, ct), ct)));

        var row = (await _stores.RowsAsync("throttle", ct)).Single(e => e.RowKey == key);
        Assert.Equal(10, row.GetInt32("Failures"));

        // Each failure saw a distinct count, so together they started every lockout up to the tenth.
        Assert.Equal(5, results.Count(r => r is null));
        Assert.Equal(
            new[] { 30, 60, 120, 240, 480 }.Select(s => TimeSpan.FromSeconds(s)),
            results.OfType<TimeSpan>().Order());
        Assert.Equal(TimeSpan.FromSeconds(480), await _stores.Throttle.LockedForAsync(key, ct));
    }
}

public sealed class EmbeddedLoginThrottleTests(EmbeddedStorageBackend backend) : LoginThrottleTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteLoginThrottleTests(AzuriteStorageBackend backend) : LoginThrottleTests(backend), IClassFixture<AzuriteStorageBackend>;
