using Stratus.Apps.Deploys;
using Stratus.Apps.Names;
using Stratus.Testing;
using Stratus.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Apps.Tests.Deploys;

public abstract class DeployStoreTests(StorageBackend backend)
{
    private readonly FakeTimeProvider _clock = new();
    private readonly string _app = UniqueNames.Next("app");

    private DeployStore Store() => new(backend.Account, _clock);

    private Deploy New(string app, int version, string origin = DeployOrigins.AppDeploy) =>
        new("", app, version, null, "alice", origin, $"deploy {version}", default, null, null, false, "event-1");

    [Fact]
    public async Task CreateAsync_NewDeploy_AssignsIdAndStartAndGetIsAPointRead()
    {
        var ct = TestTimeout.Token();
        var store = Store();

        var deploy = await store.CreateAsync(New(_app, 1), ct);

        Assert.True(TimeOrderedId.IsValid(deploy.Id));
        Assert.Equal(_clock.GetUtcNow(), deploy.StartedAt);
        Assert.Null(deploy.Duration);
        Assert.Equal(deploy, await store.GetAsync(deploy.Id, ct));
        Assert.Null(await store.GetAsync("not-an-id", ct));
    }

    [Fact]
    public async Task CreateAsync_UnknownOrigin_Throws()
    {
        var ct = TestTimeout.Token();

        await Assert.ThrowsAsync<InvalidAppRequestException>(() => Store().CreateAsync(New(_app, 1, "ftp"), ct));
    }

    [Fact]
    public async Task FinishAsync_Twice_KeepsFirstResultWithDuration()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var deploy = await store.CreateAsync(New(_app, 1), ct);
        _clock.Advance(TimeSpan.FromSeconds(42));

        var finished = await store.FinishAsync(deploy.Id, "rollout timed out", ct);
        _clock.Advance(TimeSpan.FromSeconds(5));
        var again = await store.FinishAsync(deploy.Id, null, ct);

        Assert.Equal(TimeSpan.FromSeconds(42), finished!.Duration);
        Assert.Equal("rollout timed out", again!.Error);
        Assert.Equal(finished, await store.GetAsync(deploy.Id, ct));
        Assert.Equal(finished, (await store.ListAsync(_app, 0, 10, ct)).Single());
    }

    [Fact]
    public async Task ListAsync_ManyDeploys_NewestFirstWithSkipAndLimit()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var other = UniqueNames.Next("app");
        for (var i = 1; i <= 7; i++)
        {
            await store.CreateAsync(New(_app, i), ct);
            await store.CreateAsync(New(other, i), ct);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal([7, 6, 5, 4, 3, 2, 1], (await store.ListAsync(_app, 0, 100, ct)).Select(d => d.Version!.Value));
        Assert.Equal([5, 4, 3], (await store.ListAsync(_app, 2, 3, ct)).Select(d => d.Version!.Value));
        Assert.Empty(await store.ListAsync(_app, 7, 3, ct));
        var all = await store.ListAsync(null, 0, 4, ct);
        Assert.Equal(4, all.Count);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.StartedAt >= p.Second.StartedAt));
    }

    [Fact]
    public async Task UpdateAsync_SetsImageAndRollback_VisibleInBothLists()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var deploy = await store.CreateAsync(New(_app, 1), ct);

        await store.UpdateAsync(deploy.Id, d => d with { Image = "img:v1", CanRollback = true }, ct);

        Assert.Equal("img:v1", (await store.GetAsync(deploy.Id, ct))!.Image);
        Assert.True((await store.ListAsync(_app, 0, 1, ct)).Single().CanRollback);
    }
}

public sealed class EmbeddedDeployStoreTests(EmbeddedStorageBackend backend) : DeployStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteDeployStoreTests(AzuriteStorageBackend backend) : DeployStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
