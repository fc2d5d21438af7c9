using Stratus.Apps.Names;
using Stratus.Apps.Pools;
using Stratus.Testing;
using Stratus.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Apps.Tests.Pools;

public abstract class PoolStoreTests(StorageBackend backend)
{
    private readonly FakeTimeProvider _clock = new();

    private PoolStore Store() => new(backend.Account, _clock);

    private static Pool NewPool(string name, bool isDefault = false) => new(
        name,
        PoolProvisioners.Podman,
        PoolRouters.Local,
        new Dictionary<string, string> { ["domain"] = "localhost" },
        new PoolRegistry("127.0.0.1:5000", "stratus", Insecure: true),
        null,
        isDefault,
        []);

    [Fact]
    public async Task CreateAsync_NewPool_ReadsBackWithTimes()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var name = UniqueNames.Next("pool");

        Assert.True(await store.CreateAsync(NewPool(name) with { Teams = ["team-a"], Kubernetes = new PoolKubernetes("https://k8s:6443", "apps") }, ct));

        var pool = await store.GetAsync(name, ct);
        Assert.NotNull(pool);
        Assert.Equal(PoolProvisioners.Podman, pool.Provisioner);
        Assert.Equal("localhost", pool.RouterOptions["domain"]);
        Assert.Equal(new PoolRegistry("127.0.0.1:5000", "stratus", true), pool.Registry);
        Assert.Equal(new PoolKubernetes("https://k8s:6443", "apps"), pool.Kubernetes);
        Assert.Equal(["team-a"], pool.Teams);
        Assert.Equal(_clock.GetUtcNow(), pool.CreatedAt);
        Assert.True(pool.Allows("team-a"));
        Assert.False(pool.Allows("team-b"));
        Assert.Contains(await store.ListAsync(ct), p => p.Name == name);
    }

    [Fact]
    public async Task CreateAsync_ExistingName_ReturnsFalse()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var name = UniqueNames.Next("pool");
        await store.CreateAsync(NewPool(name), ct);

        Assert.False(await store.CreateAsync(NewPool(name), ct));
    }

    [Theory]
    [InlineData("Bad", PoolProvisioners.Podman, PoolRouters.Local, "pool name")]
    [InlineData("ok", "docker", PoolRouters.Local, "provisioner")]
    [InlineData("ok", PoolProvisioners.Podman, "nginx", "router")]
    [InlineData("ok", PoolProvisioners.Kubernetes, PoolRouters.Ingress, "kubernetes pool")]
    public async Task CreateAsync_InvalidPool_ThrowsWithProblem(string name, string provisioner, string router, string expected)
    {
        var ct = TestTimeout.Token();

        var ex = await Assert.ThrowsAsync<InvalidAppRequestException>(() => Store().CreateAsync(NewPool(name) with { Provisioner = provisioner, Router = router }, ct));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetDefaultAsync_AnotherPool_LeavesExactlyOneDefault()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var first = UniqueNames.Next("pool");
        var second = UniqueNames.Next("pool");
        await store.CreateAsync(NewPool(first, isDefault: true), ct);
        await store.CreateAsync(NewPool(second), ct);

        Assert.True(await store.SetDefaultAsync(second, ct));

        Assert.Equal(second, (await store.GetDefaultAsync(ct))?.Name);
        Assert.False((await store.GetAsync(first, ct))!.Default);
        Assert.Single(await store.ListAsync(ct), p => p.Default);
        Assert.False(await store.SetDefaultAsync(UniqueNames.Next("none"), ct));
    }

    [Fact]
    public async Task CreateAsync_DefaultPool_ClearsThePreviousDefault()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var first = UniqueNames.Next("pool");
        var second = UniqueNames.Next("pool");
        await store.CreateAsync(NewPool(first, isDefault: true), ct);

        await store.CreateAsync(NewPool(second, isDefault: true), ct);

        Assert.Single(await store.ListAsync(ct), p => p.Default);
        Assert.Equal(second, (await store.GetDefaultAsync(ct))?.Name);
    }

    [Fact]
    public async Task UpdateAsync_ChangesFields_KeepsNameAndCreation()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var name = UniqueNames.Next("pool");
        await store.CreateAsync(NewPool(name), ct);
        var created = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await store.UpdateAsync(name, p => p with { Name = "other", Router = PoolRouters.TsuruApi, Teams = ["t1", "t2"] }, ct);

        Assert.NotNull(updated);
        Assert.Equal(name, updated.Name);
        var read = await store.GetAsync(name, ct);
        Assert.Equal(PoolRouters.TsuruApi, read!.Router);
        Assert.Equal(["t1", "t2"], read.Teams);
        Assert.Equal(created, read.CreatedAt);
        Assert.Equal(_clock.GetUtcNow(), read.UpdatedAt);
        Assert.Null(await store.UpdateAsync(UniqueNames.Next("none"), p => p, ct));
    }

    [Fact]
    public async Task DeleteAsync_ExistingPool_IsGone()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var name = UniqueNames.Next("pool");
        await store.CreateAsync(NewPool(name), ct);

        Assert.True(await store.DeleteAsync(name, ct));

        Assert.Null(await store.GetAsync(name, ct));
        Assert.False(await store.DeleteAsync(name, ct));
    }
}

public sealed class EmbeddedPoolStoreTests(EmbeddedStorageBackend backend) : PoolStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuritePoolStoreTests(AzuriteStorageBackend backend) : PoolStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
