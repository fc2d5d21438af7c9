using Stratus.Apps.Names;
using Stratus.Apps.Platforms;
using Stratus.Testing;
using Stratus.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Apps.Tests.Platforms;

public abstract class PlatformStoreTests(StorageBackend backend)
{
    private readonly FakeTimeProvider _clock = new();

    private PlatformStore Store() => new(backend.Account, _clock);

    [Fact]
    public async Task CreateAsync_NewPlatform_ReadsBack()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var name = UniqueNames.Next("static");

        Assert.True(await store.CreateAsync(new Platform(name, "127.0.0.1:5000/platforms/static:test", false), ct));

        Assert.Equal(new Platform(name, "127.0.0.1:5000/platforms/static:test", false, _clock.GetUtcNow(), _clock.GetUtcNow()), await store.GetAsync(name, ct));
        Assert.False(await store.CreateAsync(new Platform(name, "x:1", false), ct));
        Assert.Contains(await store.ListAsync(ct), p => p.Name == name);
    }

    [Fact]
    public async Task CreateAsync_NoImage_Throws()
    {
        var ct = TestTimeout.Token();

        await Assert.ThrowsAsync<InvalidAppRequestException>(() => Store().CreateAsync(new Platform("python", " ", false), ct));
    }

    [Fact]
    public async Task UpdateAsync_Disable_IsStoredAndDeleteRemoves()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var name = UniqueNames.Next("go");
        await store.CreateAsync(new Platform(name, "reg/go:1", false), ct);
        _clock.Advance(TimeSpan.FromSeconds(30));

        var updated = await store.UpdateAsync(name, p => p with { Disabled = true, Image = "reg/go:2" }, ct);

        Assert.Equal(new Platform(name, "reg/go:2", true, _clock.GetUtcNow() - TimeSpan.FromSeconds(30), _clock.GetUtcNow()), updated);
        Assert.Equal(updated, await store.GetAsync(name, ct));
        Assert.True(await store.DeleteAsync(name, ct));
        Assert.Null(await store.GetAsync(name, ct));
    }
}

public sealed class EmbeddedPlatformStoreTests(EmbeddedStorageBackend backend) : PlatformStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuritePlatformStoreTests(AzuriteStorageBackend backend) : PlatformStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
