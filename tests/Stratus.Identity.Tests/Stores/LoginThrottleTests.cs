using Stratus.Identity.Stores;
using Stratus.Storage.Tables;
using Stratus.Testing;
using Stratus.Testing.Storage;

namespace Stratus.Identity.Tests.Stores;

public abstract class LoginThrottleTests(StorageBackend backend)
{
    private const int Limit = 5;
    private readonly IdentityStores _stores = new(backend.Account);

    private static string NewKey() => UniqueNames.Next("user:");

    private async Task CountAsync(string key, int times, CancellationToken ct)
    {
        for (var i = 0; i < times; i++)
        {
            await _stores.Throttle.CountAttemptAsync(key, Limit, ct);
        }
    }

    private async Task<TableEntity> RowAsync(string key, CancellationToken ct) =>
        (await _stores.RowsAsync("throttle", ct)).Single(e => e.RowKey == key);

    [Fact]
    public async Task CountAttemptAsync_UpToTheLimit_AllowsEachAndTheLastStartsA30SecondLockout()
    {
        var ct = TestTimeout.Token();
        var key = NewKey();

        for (var i = 0; i < Limit - 1; i++)
        {
            Assert.Equal(ThrottledAttempt.Counted(null), await _stores.Throttle.CountAttemptAsync(key, Limit, ct));
            Assert.Null(await _stores.Throttle.LockedForAsync(key, ct));
        }

        Assert.Equal(ThrottledAttempt.Counted(TimeSpan.FromSeconds(30)), await _stores.Throttle.CountAttemptAsync(key, Limit, ct));
        Assert.Equal(TimeSpan.FromSeconds(30), await _stores.Throttle.LockedForAsync(key, ct));
        Assert.Equal(ThrottledAttempt.Refused(TimeSpan.FromSeconds(30)), await _stores.Throttle.CountAttemptAsync(key, Limit, ct));
        Assert.Equal(Limit, (await RowAsync(key, ct)).GetInt32("Attempts"));
    }

    [Fact]
    public async Task LockedForAsync_AsTimePasses_CountsDownAndEnds()
    {
        var ct = TestTimeout.Token();
        var key = NewKey();
        await CountAsync(key, Limit, ct);

        _stores.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(10), await _stores.Throttle.LockedForAsync(key, ct));
        Assert.Equal(ThrottledAttempt.Refused(TimeSpan.FromSeconds(10)), await _stores.Throttle.CountAttemptAsync(key, Limit, ct));

        _stores.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(await _stores.Throttle.LockedForAsync(key, ct));
    }

    [Fact]
    public async Task CountAttemptAsync_AfterEachLockout_AllowsOneAttemptThatDoublesTheLockoutUpTo15Minutes()
    {
        var ct = TestTimeout.Token();
        var key = NewKey();
        await CountAsync(key, Limit, ct);
        var lockouts = new List<TimeSpan?>();
        var wait = TimeSpan.FromSeconds(30);

        for (var i = 0; i < 6; i++)
        {
            _stores.Clock.Advance(wait);
            var attempt = await _stores.Throttle.CountAttemptAsync(key, Limit, ct);
            Assert.True(attempt.Allowed);
            lockouts.Add(attempt.LockedFor);
            Assert.False((await _stores.Throttle.CountAttemptAsync(key, Limit, ct)).Allowed);
            wait = attempt.LockedFor!.Value;
        }

        Assert.Equal(
            new TimeSpan?[] { TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(240), TimeSpan.FromSeconds(480), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15) },
            lockouts);
        var row = await RowAsync(key, ct);
        Assert.Equal(Limit, row.GetInt32("Attempts"));
        Assert.Equal(7, row.GetInt32("Lockouts"));
    }

    [Fact]
    public async Task ResetAsync_LockedKey_ClearsLockoutAndCount()
    {
        var ct = TestTimeout.Token();
        var key = NewKey();
        await CountAsync(key, Limit, ct);

        await _stores.Throttle.ResetAsync(key, ct);

        Assert.Null(await _stores.Throttle.LockedForAsync(key, ct));
        Assert.Equal(ThrottledAttempt.Counted(null), await _stores.Throttle.CountAttemptAsync(key, Limit, ct));
        Assert.Equal(1, (await RowAsync(key, ct)).GetInt32("Attempts"));
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
    public async Task CountAttemptAsync_AfterAQuietWindow_StartsCountingAgain()
    {
        var ct = TestTimeout.Token();
        var key = NewKey();
        await CountAsync(key, Limit - 1, ct);

        _stores.Clock.Advance(LoginThrottle.Window + TimeSpan.FromSeconds(1));

        Assert.Equal(ThrottledAttempt.Counted(null), await _stores.Throttle.CountAttemptAsync(key, Limit, ct));
        Assert.Equal(1, (await RowAsync(key, ct)).GetInt32("Attempts"));
    }

    [Fact]
    public async Task CountAttemptAsync_WithinAWindowOfTheLockoutsEnd_RemembersTheLockout()
    {
        var ct = TestTimeout.Token();
        var remembered = NewKey();
        var forgotten = NewKey();
        await CountAsync(remembered, Limit, ct);
        await CountAsync(forgotten, Limit, ct);

        // The first attempt was more than a window ago, but the lockout ended less than one ago.
        _stores.Clock.Advance(TimeSpan.FromSeconds(30) + LoginThrottle.Window - TimeSpan.FromSeconds(1));
        var next = await _stores.Throttle.CountAttemptAsync(remembered, Limit, ct);
        _stores.Clock.Advance(TimeSpan.FromSeconds(2));
        var fresh = await _stores.Throttle.CountAttemptAsync(forgotten, Limit, ct);

        Assert.Equal(ThrottledAttempt.Counted(TimeSpan.FromSeconds(60)), next);
        Assert.Equal(ThrottledAttempt.Counted(null), fresh);
    }

    [Fact]
    public async Task CountAttemptAsync_KeysAndLimitsAreIndependent()
    {
        var ct = TestTimeout.Token();
        var locked = NewKey();
        var other = NewKey();
        await CountAsync(locked, Limit, ct);

        Assert.NotNull(await _stores.Throttle.LockedForAsync(locked, ct));
        Assert.Null(await _stores.Throttle.LockedForAsync(other, ct));
        for (var i = 0; i < 99; i++)
        {
            Assert.Equal(ThrottledAttempt.Counted(null), await _stores.Throttle.CountAttemptAsync(other, 100, ct));
        }

        Assert.Equal(ThrottledAttempt.Counted(TimeSpan.FromSeconds(30)), await _stores.Throttle.CountAttemptAsync(other, 100, ct));
    }

    [Fact]
    public async Task CountAttemptAsync_FortyConcurrentAttempts_AllowsExactlyTheLimit()
    {
        var ct = TestTimeout.Token(120);
        var key = NewKey();

        // Separate throttles over separate table clients, as separate instances would be.
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(
            () => new IdentityStores(backend.Account, _stores.Clock).Throttle.CountAttemptAsync(key, Limit, ct), ct)));

        Assert.Equal(Limit, results.Count(r => r.Allowed));
        Assert.Equal(ThrottledAttempt.Counted(TimeSpan.FromSeconds(30)), Assert.Single(results, r => r.Allowed && r.LockedFor is not null));
        Assert.All(results.Where(r => !r.Allowed), r => Assert.Equal(TimeSpan.FromSeconds(30), r.LockedFor));
        var row = await RowAsync(key, ct);
        Assert.Equal(Limit, row.GetInt32("Attempts"));
        Assert.Equal(1, row.GetInt32("Lockouts"));
    }
}

public sealed class EmbeddedLoginThrottleTests(EmbeddedStorageBackend backend) : LoginThrottleTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteLoginThrottleTests(AzuriteStorageBackend backend) : LoginThrottleTests(backend), IClassFixture<AzuriteStorageBackend>;
